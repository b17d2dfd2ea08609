/**
 * Open-data files in the other registers' standards. One scheme, a file per format:
 *   GET /api/v1/export.{format}.{ext}                 the whole registry (streamed)
 *   GET /api/v1/services/{id}/export.{format}.{ext}   one published service
 * with format nl, uk, eu (JSON) and us-2024, us-2025 (CSV, UTF-8 with BOM).
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendCached } from '../../platform/http/etag.ts';
import { FOREIGN_FORMATS, FORMATS } from './formats.ts';
import { exportRegistry, exportService } from './standards.service.ts';

const ID = /^GG-\d{4}-\d{4,}$/;

export async function standardsRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  const { db } = opts;
  const stamp = () => new Date().toISOString().slice(0, 10);
  for (const id of FOREIGN_FORMATS) {
    const f = FORMATS[id];
    app.get(`/api/v1/export.${id}.${f.extension}`, async (_request, reply) =>
      reply.type(f.mediaType).header('Content-Disposition', `attachment; filename="gg-ai-registry-${id}-${stamp()}.${f.extension}"`).send(exportRegistry(db, id)));
    app.get<{ Params: { id: string } }>(`/api/v1/services/:id/export.${id}.${f.extension}`, async (request, reply) => {
      if (!ID.test(request.params.id)) throw notFound();
      const body = await exportService(db, request.params.id, id);
      if (body === undefined) throw notFound();
      reply.header('Content-Disposition', `inline; filename="${request.params.id}-${id}.${f.extension}"`);
      return sendCached(request, reply, body, f.mediaType);
    });
  }
}

/** OpenAPI path items of these routes (merged into the API document). */
export function standardsPaths(): Record<string, object> {
  const paths: Record<string, object> = {};
  for (const id of FOREIGN_FORMATS) {
    const f = FORMATS[id];
    const content = { [f.mediaType.split(';')[0]]: {} };
    paths[`/api/v1/export.${id}.${f.extension}`] = {
      get: { summary: `All published services in the ${f.label} format (mapping: docs/standards.md)`, responses: { 200: { description: f.fileType === 'csv' ? 'CSV, UTF-8 with BOM, the standard\'s column headers' : 'JSON { standard, format, version, generatedAt, items: [records] }', content } } },
    };
    paths[`/api/v1/services/{id}/export.${id}.${f.extension}`] = {
      get: {
        summary: `One published service in the ${f.label} format`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^GG-\\d{4}-\\d{4,}$' }, example: 'GG-2025-0001' }],
        responses: { 200: { description: f.fileType === 'csv' ? 'CSV with a header row and one row' : 'The record as a JSON object', content }, 404: { description: 'No such published service' } },
      },
    };
  }
  return paths;
}
