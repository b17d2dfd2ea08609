/** The OpenAPI path item of POST /api/v1/imports (merged into the API document). */
import { UPLOAD_FORMATS } from './import.foreign.ts';
import { MAX_MB, MAX_ROWS } from './import.read.ts';
import { XLSX_TYPE } from './template.ts';

const problem = { type: 'object', properties: { row: { type: ['integer', 'null'] }, cell: { type: ['string', 'null'] }, column: { type: ['string', 'null'] }, header: { type: ['object', 'null'] }, code: { type: 'string' }, message: { type: 'string' }, messageEn: { type: 'string' }, value: { type: 'string' } } };

const report = {
  type: 'object',
  properties: {
    filename: { type: ['string', 'null'] }, format: { type: ['string', 'null'], description: 'xlsx or csv (registry spreadsheet), or the standard read' }, standard: { type: 'string' },
    encoding: { type: ['string', 'null'] }, sha256: { type: 'string' }, rows: { type: 'integer' }, newDrafts: { type: 'integer' }, changes: { type: 'integer' },
    errorCount: { type: 'integer' }, errors: { type: 'array', items: problem }, warningCount: { type: 'integer' }, warnings: { type: 'array', items: problem },
    refused: { type: 'boolean' }, ok: { type: 'boolean' },
  },
};

const result = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { dryRun: { type: 'boolean' }, saved: { type: 'boolean' }, report, drafts: { type: 'array', items: { type: 'integer' } }, error: { $ref: '#/components/schemas/Error/properties/error' } } } } },
});

export function importPaths(): Record<string, object> {
  return {
    '/api/v1/imports': {
      post: {
        summary: 'Import a file as drafts of the token’s own body, all rows or none (일괄 등록)',
        description: `For API tokens of registering officers (Authorization: Bearer). The body is the file itself, at most ${MAX_MB} MB and ${MAX_ROWS} rows. `
          + '`format` chooses how it is read: the registry’s spreadsheet (xlsx or CSV, the default; a row with a registry ID is a change proposal of the body’s own service) '
          + 'or another register’s standard (nl, uk, eu, us-2024, us-2025; see docs/standards.md), whose rows become new drafts keeping the original record in `disclosure.source`. '
          + 'Every row is checked first; if any row cannot be imported nothing is saved and the report names each row and its reason. The drafts always belong to the token’s body.',
        security: [{ bearerAuth: [] }],
        parameters: [
          { name: 'format', in: 'query', required: false, description: 'How to read the file (xlsx and csv both mean the registry spreadsheet)', schema: { type: 'string', enum: ['xlsx', 'csv', ...UPLOAD_FORMATS.filter((f) => f !== 'spreadsheet')], default: 'xlsx' } },
          { name: 'dryRun', in: 'query', required: false, description: 'true (default): check and report only; false: save when every row is valid', schema: { type: 'string', enum: ['true', 'false'], default: 'true' } },
        ],
        requestBody: {
          required: true,
          content: { 'text/csv': { schema: { type: 'string' } }, [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } }, 'application/json': { schema: {} }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
        responses: {
          200: result('Dry run: the report (report.ok says whether the file would be saved); nothing saved'),
          201: result('Saved: every row is a draft (drafts: their ids)'),
          400: result('A bad parameter, or (dryRun=false) rows with errors: nothing saved'),
          401: { description: 'No or invalid token' },
          403: result('Not a registering officer, or the file names another body’s service or body: nothing saved'),
          413: { description: `Over ${MAX_MB} MB` },
          415: { description: 'No file in the body' },
        },
      },
    },
  };
}
