/**
 * Import, for registering officers: the template, upload → report (nothing saved) → confirm (all
 * drafts in one transaction), and the same for API tokens at POST /api/v1/imports. A file is the
 * registry's spreadsheet (xlsx or CSV) or, chosen with `format`, a file of another register's
 * standard (nl, uk, eu, us-2024, us-2025). Drafts always go to the officer's (or token's) own body.
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { csrfToken, requireActor } from '../../platform/auth/auth.plugin.ts';
import type { DB } from '../../platform/db/types.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { analyseForeign, commitForeign, uploadFormatOf, type UploadFormat } from './import.foreign.ts';
import { MAX_BYTES, MAX_MB } from './import.read.ts';
import { analyseImport, commitImport, type Analysis } from './import.service.ts';
import { PendingImports } from './import.store.ts';
import { XLSX_TYPE, templateWorkbook } from './template.ts';
import { ImportPage } from './views/import-page.tsx';

const HTML = 'text/html; charset=utf-8';

interface UploadedFile {
  filename: string;
  data: Buffer;
}

const formatProblem = () => new AppError(400, 'BAD_PARAMETER', 'format은 xlsx, csv, nl, uk, eu, us-2024, us-2025 중 하나여야 합니다.', 'format must be one of xlsx, csv, nl, uk, eu, us-2024, us-2025.',
  [{ field: 'format', code: 'INVALID_VALUE', message: 'format은 xlsx, csv, nl, uk, eu, us-2024, us-2025 중 하나여야 합니다.', messageEn: 'format must be one of xlsx, csv, nl, uk, eu, us-2024, us-2025.' }]);

/** Reads and checks an upload as the chosen format; saves nothing. */
function analyse(db: Kysely<DB>, actor: Actor, format: UploadFormat, file: { bytes: Buffer; filename: string | null; charset?: string }) {
  return format === 'spreadsheet' ? analyseImport(db, actor, file) : analyseForeign(db, actor, format, file);
}

function html(reply: FastifyReply, body: string | Promise<string>, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type(HTML).send(body);
}

/** Only signed-in officers get as far as having a file read: checked before the body is parsed. */
async function officersOnly(request: FastifyRequest) {
  requireActor(request, ['officer']);
}

const statusOf = (a: Analysis) => (a.report.ok ? 200 : a.report.refused ? 403 : 400);

/** Upload limits and body-size errors in words a person can act on. */
function translate(error: FastifyError): Error {
  if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppError(413, 'FILE_TOO_LARGE', `파일이 ${MAX_MB}MB를 넘거나 한 번에 여러 파일을 올렸습니다. ${MAX_MB}MB 이하의 파일 하나를 올리십시오.`, `The upload is over ${MAX_MB} MB or has more than one file; upload one file of at most ${MAX_MB} MB.`);
  }
  return error;
}

export async function importRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  const { db } = opts;
  const pending = new PendingImports();
  let template: Promise<Buffer> | undefined;

  // Multipart is parsed before the CSRF check (preValidation), with the fields as plain values,
  // so the form's _csrf field is checked like any other form's.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_BYTES, files: 1, fields: 10, parts: 12 },
    async onFile(part: MultipartFile) {
      const data = await part.toBuffer();
      (part as MultipartFile & { value: UploadedFile }).value = { filename: part.filename, data };
    },
  });
  // The API takes the file itself as the body, JSON files of the standards too (as bytes; only in this plugin's routes).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['text/csv', XLSX_TYPE, 'application/octet-stream', 'application/json'], { parseAs: 'buffer', bodyLimit: MAX_BYTES }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error: FastifyError) => {
    throw translate(error);
  });

  const page = (request: FastifyRequest, reply: FastifyReply, actor: Actor, extra: { analysis?: Analysis; uploadId?: string; notice?: string; format?: UploadFormat } = {}, status = 200) =>
    html(reply, <ImportPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} report={extra.analysis?.report} uploadId={extra.uploadId} notice={extra.notice} format={extra.format} />, status);

  app.get('/office/import', async (request, reply) => page(request, reply, requireActor(request, ['officer'])));

  app.get('/office/import/template.xlsx', async (request, reply) => {
    requireActor(request, ['officer']);
    template ??= templateWorkbook().catch((error) => { template = undefined; throw error; });
    return reply.type(XLSX_TYPE).header('Cache-Control', 'private, max-age=3600').header('Content-Disposition', 'attachment; filename="gg-ai-registry-import-template.xlsx"').send(await template);
  });

  // Step 1: upload and check. Nothing is saved; a clean file waits for the confirmation.
  app.post('/office/import', { onRequest: officersOnly }, async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const ko = request.lang === 'ko';
    const fields = (request.body ?? {}) as { file?: UploadedFile; format?: unknown };
    const format = uploadFormatOf(fields.format);
    if (!format) return page(request, reply, actor, { notice: ko ? formatProblem().message : formatProblem().messageEn }, 400);
    const file = fields.file;
    if (!file || !Buffer.isBuffer(file.data) || file.data.length === 0) {
      return page(request, reply, actor, { notice: ko ? '올릴 파일을 선택하십시오.' : 'Choose a file to upload.', format }, 400);
    }
    const analysis = await analyse(db, actor, format, { bytes: file.data, filename: file.filename });
    const uploadId = analysis.report.ok ? pending.put(actor.id, { bytes: file.data, filename: file.filename, sha256: analysis.report.sha256, format }) : undefined;
    return page(request, reply, actor, { analysis, uploadId, format }, statusOf(analysis));
  });

  // Step 2: confirm. The file is checked again (the registry may have changed) and saved whole, or not at all.
  app.post('/office/import/confirm', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const ko = request.lang === 'ko';
    const body = (request.body ?? {}) as Record<string, unknown>;
    const file = pending.take(String(body.upload ?? ''), actor.id, String(body.sha256 ?? ''));
    if (!file) {
      return page(request, reply, actor, { notice: ko ? '검사한 파일을 찾을 수 없습니다 (30분이 지났거나 이미 저장했습니다). 파일을 다시 올리십시오.' : 'The checked file is no longer available (over 30 minutes, or already saved). Upload it again.' }, 409);
    }
    if (file.format !== 'spreadsheet') {
      const r = await commitForeign(db, actor, file.format, { bytes: file.bytes, filename: file.filename }, request.ip);
      if (!r.report.ok || r.drafts.length === 0) return page(request, reply, actor, { analysis: { report: r.report, drafts: [] }, format: file.format }, 400);
      return reply.redirect(`/office?imported=${r.drafts.length}`, 303);
    }
    const analysis = await analyseImport(db, actor, { bytes: file.bytes, filename: file.filename });
    if (!analysis.report.ok) return page(request, reply, actor, { analysis }, statusOf(analysis));
    try {
      const ids = await commitImport(db, actor, analysis, request.ip);
      return reply.redirect(`/office?imported=${ids.length}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return page(request, reply, actor, { notice: ko ? error.message : error.messageEn }, 409);
      throw error;
    }
  });

  // The API: the file is the body (text/csv, xlsx, or JSON for the standards that use it); format
  // (default: the registry's spreadsheet) says how to read it; dryRun (the default) only reports.
  app.post<{ Querystring: { dryRun?: string; format?: string } }>('/api/v1/imports', { onRequest: officersOnly }, async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const dry = request.query.dryRun ?? 'true';
    if (!['true', 'false', '1', '0'].includes(dry)) {
      throw new AppError(400, 'BAD_PARAMETER', 'dryRun은 true 또는 false여야 합니다.', 'dryRun must be true or false.', [{ field: 'dryRun', code: 'INVALID_VALUE', message: 'dryRun은 true 또는 false여야 합니다.', messageEn: 'dryRun must be true or false.' }]);
    }
    const dryRun = dry === 'true' || dry === '1';
    const format = uploadFormatOf(request.query.format);
    if (!format) throw formatProblem();
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '파일 내용을 본문으로 보내십시오 (Content-Type: text/csv, xlsx 또는 application/json).', `Send the file as the body (Content-Type: text/csv, ${XLSX_TYPE} or application/json).`);
    }
    const charset = /charset=([^;]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.trim().replace(/"/g, '');
    if (format !== 'spreadsheet') {
      const file = { bytes: request.body, filename: null, charset };
      const r = dryRun ? { report: (await analyseForeign(db, actor, format, file)).report, drafts: [] } : await commitForeign(db, actor, format, file, request.ip);
      if (!r.report.ok && !dryRun) {
        return reply.status(400).send({ error: { code: 'IMPORT_INVALID', message: `오류 ${r.report.errorCount}건: 아무것도 저장하지 않았습니다.`, messageEn: `${r.report.errorCount} errors: nothing was saved.`, problems: [] }, dryRun, saved: false, report: r.report });
      }
      return dryRun ? reply.send({ dryRun, saved: false, report: r.report }) : reply.status(201).send({ dryRun, saved: true, report: r.report, drafts: r.drafts });
    }
    const analysis = await analyseImport(db, actor, { bytes: request.body, filename: null, charset });
    const { report } = analysis;
    if (report.refused) {
      return reply.status(403).send({ error: { code: 'IMPORT_REFUSED', message: '다른 기관의 서비스나 기관코드가 있어 가져올 수 없습니다. 아무것도 저장하지 않았습니다.', messageEn: 'The file names another body’s service or body; nothing was saved.', problems: [] }, dryRun, saved: false, report });
    }
    if (!report.ok && !dryRun) {
      return reply.status(400).send({ error: { code: 'IMPORT_INVALID', message: `오류 ${report.errorCount}건: 아무것도 저장하지 않았습니다.`, messageEn: `${report.errorCount} errors: nothing was saved.`, problems: [] }, dryRun, saved: false, report });
    }
    if (dryRun) return reply.send({ dryRun, saved: false, report });
    const drafts = await commitImport(db, actor, analysis, request.ip);
    return reply.status(201).send({ dryRun, saved: true, report, drafts });
  });
}
