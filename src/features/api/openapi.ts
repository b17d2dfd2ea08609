import { z } from 'zod';
import { disclosureSchema } from '../disclosure/disclosure.schema.ts';
import { BODY_KINDS, FIELDS, STATUSES, TECH_TYPES } from '../disclosure/codes.ts';
import { SORTS } from '../services/services.filter.ts';
import { importPaths } from '../imports/import.openapi.ts';
import { standardsPaths } from '../standards/standards.api.ts';

const flag = { type: 'string', enum: ['true', 'false'] };
const param = (name: string, description: string, schema: object) => ({ name, in: 'query', required: false, description, schema });

const error = {
  description: 'Invalid input (code, Korean message, English message, field problems)',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

let cached: object | undefined;

/** The OpenAPI 3.1 document of the open-data API; the disclosure schema comes from zod itself. */
export function openApiDocument(): object {
  if (cached) return cached;
  const disclosure = z.toJSONSchema(disclosureSchema, { io: 'output', unrepresentable: 'any' });
  delete (disclosure as any).$schema;
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Gyeonggi Public AI Registry API (경기도 공공부문 AI 등록부 API)',
      version: '1.0.0',
      description: 'Open data of the registry: every published AI service of Gyeonggi-do, its cities and counties and public institutions. No key needed. Public reads carry ETag headers.',
      license: { name: 'KOGL Type 1 (공공누리 제1유형)' },
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/v1/services': {
        get: {
          summary: 'Search services (서비스 검색)',
          parameters: [
            param('q', 'Search text, Korean or English; every word must appear (substring, e.g. 고독사)', { type: 'string', maxLength: 200 }),
            param('body', 'Body code (기관코드), see /api/v1/bodies', { type: 'string' }),
            param('bodyKind', 'Body type', { type: 'string', enum: Object.keys(BODY_KINDS) }),
            param('field', 'Field of use', { type: 'string', enum: Object.keys(FIELDS) }),
            param('tech', 'Technology type', { type: 'string', enum: Object.keys(TECH_TYPES) }),
            param('status', 'Status', { type: 'string', enum: Object.keys(STATUSES) }),
            param('personal', 'Processes personal information', flag),
            param('highImpact', 'High-impact AI under the AI Framework Act', flag),
            param('generative', 'Generative AI', flag),
            param('example', 'Example (demo) records', flag),
            param('sort', 'Order; default relevance when q is given, else newest', { type: 'string', enum: [...SORTS] }),
            param('page', 'Page, from 1', { type: 'integer', minimum: 1, default: 1 }),
            param('pageSize', 'Items per page', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
          ],
          responses: { 200: { description: 'A page of services with facet counts', content: { 'application/json': { schema: { $ref: '#/components/schemas/ServicePage' } } } }, 400: error },
        },
      },
      '/api/v1/services/{id}': {
        get: {
          summary: 'One published service, current version (서비스 상세)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^GG-\\d{4}-\\d{4,}$' }, example: 'GG-2025-0001' }],
          responses: { 200: { description: 'The service', content: { 'application/json': { schema: { $ref: '#/components/schemas/Service' } } } }, 404: error },
        },
      },
      '/api/v1/services/{id}/versions': {
        get: { summary: 'Published versions of a service (변경 이력)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Versions, newest first' }, 404: error } },
      },
      '/api/v1/services/{id}/versions/{version}': {
        get: {
          summary: 'One published version of a service, as it was published (버전 상세)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^GG-\\d{4}-\\d{4,}$' } },
            { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
          ],
          responses: { 200: { description: 'The version (same fields as the service, plus `current`: the current version number)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Service' } } } }, 404: error },
        },
      },
      '/api/v1/services/{id}/diff': {
        get: {
          summary: 'Item-by-item changes between two versions (버전 비교)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^GG-\\d{4}-\\d{4,}$' } },
            param('from', 'Earlier version; with `to`. Without both: the newest change', { type: 'integer', minimum: 1 }),
            param('to', 'Later version; with `from`', { type: 'integer', minimum: 1 }),
            param('all', 'Also list unchanged items (change: null)', { type: 'string', enum: ['1', '0', 'true', 'false'] }),
            param('lang', 'Language of the before/after text of coded items', { type: 'string', enum: ['ko', 'en'] }),
          ],
          responses: { 200: { description: '{ id, from, to, changed, items: [{ key, label: { ko, en }, before, after, change: added|removed|changed|null }] }' }, 400: error, 404: error },
        },
      },
      '/api/v1/history.csv': { get: { summary: 'Every published version as CSV, with the items changed since the version before (변경 이력, UTF-8 with BOM)', responses: { 200: { description: 'CSV: public_id, body_code, version, published_at, change_reason, name, changed_items (keys separated by ;), is_example', content: { 'text/csv': {} } } } } },
      '/api/v1/history.json': { get: { summary: 'Every published version as JSON, with the items changed since the version before', responses: { 200: { description: '{ generatedAt, items: [{ id, body, version, publishedAt, changeReason, name, changedItems, example }] }' } } } },
      '/feeds/changes.atom': { get: { summary: 'Atom feed of new and changed services, registry-wide (변경 알림)', parameters: [param('lang', 'Feed language', { type: 'string', enum: ['ko', 'en'] })], responses: { 200: { description: 'Atom 1.0', content: { 'application/atom+xml': {} } } } } },
      '/feeds/bodies/{code}.atom': { get: { summary: 'Atom feed of the changes of one body', parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: 'GG-WELFARE' }], responses: { 200: { description: 'Atom 1.0', content: { 'application/atom+xml': {} } }, 404: error } } },
      '/feeds/services/{id}.atom': { get: { summary: 'Atom feed of the versions of one service', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'GG-2025-0001' }], responses: { 200: { description: 'Atom 1.0', content: { 'application/atom+xml': {} } }, 404: error } } },
      '/api/v1/bodies': { get: { summary: 'Bodies with codes and service counts (기관 목록)', responses: { 200: { description: 'Bodies' } } } },
      '/api/v1/statistics': { get: { summary: 'Registry statistics (통계)', responses: { 200: { description: 'Counts by field, body type, technology, status, personal data, high-impact, generative, start year' } } } },
      '/api/v1/codes': { get: { summary: 'Code lists with Korean and English labels (코드표)', responses: { 200: { description: 'Code lists' } } } },
      '/api/v1/export.csv': { get: { summary: 'All published services as CSV (UTF-8 with BOM)', responses: { 200: { description: 'CSV', content: { 'text/csv': {} } } } } },
      '/api/v1/export.json': { get: { summary: 'All published services as JSON', responses: { 200: { description: 'JSON' } } } },
      '/api/v1/export.xlsx': { get: { summary: 'All published services as an Excel workbook', responses: { 200: { description: 'XLSX' } } } },
      ...standardsPaths(),
      ...importPaths(),
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'API token of a registering officer (issued under /office/account), scoped to one body' } },
      schemas: {
        Disclosure: disclosure,
        Error: {
          type: 'object',
          properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, messageEn: { type: 'string' }, problems: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, messageEn: { type: 'string' } } } } } } },
        },
        ServiceSummary: {
          type: 'object',
          properties: {
            id: { type: 'string' }, name: { type: 'object' }, summary: { type: 'object' }, body: { type: 'object' }, field: { type: 'string' },
            technologyTypes: { type: 'array', items: { type: 'string' } }, status: { type: 'string' }, personalData: { type: 'boolean' },
            highImpact: { type: 'boolean' }, generative: { type: 'boolean' }, example: { type: 'boolean' }, publishedAt: { type: 'string', format: 'date-time' }, url: { type: 'string' },
          },
        },
        ServicePage: {
          type: 'object',
          required: ['items', 'total', 'page', 'pageSize', 'facets'],
          properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ServiceSummary' } }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' }, facets: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } } } },
        },
        Service: {
          type: 'object',
          properties: { id: { type: 'string' }, version: { type: 'integer' }, publishedAt: { type: 'string' }, firstPublishedAt: { type: 'string' }, changeReason: { type: ['string', 'null'] }, example: { type: 'boolean' }, body: { type: 'object' }, classification: { type: 'object' }, disclosure: { $ref: '#/components/schemas/Disclosure' } },
        },
      },
    },
  };
  return cached;
}
