import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { anAccount, cookieHeader, signIn } from '../../../test/support/accounts.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import { buildApp } from '../../app.tsx';
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../accounts/actor.ts';
import { createApiToken } from '../accounts/accounts.service.ts';
import { findBodyByCode } from '../bodies/bodies.repository.ts';
import { EXPORT_COLUMNS, type ExportRecord } from '../disclosure/disclosure.fields.ts';
import type { Disclosure, DisclosureInput } from '../disclosure/disclosure.schema.ts';
import { decodeCsv, parseCsv } from './csv.ts';
import { IMPORT_COLUMNS, duplicateLabels, unmappedExportKeys } from './import.columns.ts';
import { columnLetter } from './import.read.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url));

let database: Database;
let app: FastifyInstance;
type Session = Awaited<ReturnType<typeof signIn>>;
let suwon: Session; // officer of 41110
let seongnam: Session; // officer of 41130
let ai: Session; // officer of GG-AI
let reviewer: Session;
let suwonBodyId: number;
let suwonToken: string;

before(async () => {
  database = await testDatabase({ demo: true });
  app = await buildApp({ db: database.db });
  const a = await anAccount(database.db, 'officer', '41110');
  const b = await anAccount(database.db, 'officer', '41130');
  const c = await anAccount(database.db, 'officer', 'GG-AI');
  const r = await anAccount(database.db, 'reviewer');
  [suwon, seongnam, ai, reviewer] = await Promise.all([signIn(app, a.email), signIn(app, b.email), signIn(app, c.email), signIn(app, r.email)]);
  const body = (await findBodyByCode(database.db, '41110'))!;
  suwonBodyId = body.id;
  const actor: Actor = { id: a.id, email: a.email, name: 'officer', role: 'officer', bodyId: body.id, bodyCode: '41110', bodyNameKo: body.nameKo, via: 'session' };
  suwonToken = await createApiToken(database.db, actor, 'import test', null);
});
after(async () => { await app.close(); await database.close(); });

// ----- helpers ------------------------------------------------------------------------------------

const count = async (where = sql`true`) => Number((await sql<{ n: string }>`select count(*) as n from drafts where ${where}`.execute(database.db)).rows[0].n);

/** The cells of one record, written through the export columns (the same definition the import reads). */
function rowOf(d: DisclosureInput, meta: Partial<ExportRecord> = {}): Record<string, unknown> {
  const record: ExportRecord = { publicId: '', bodyCode: '', bodyName: '', version: 0, publishedAt: '', isExample: false, highImpact: false, disclosure: d as Disclosure, ...meta };
  return Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.key, c.value(record) ?? null]));
}

/** An xlsx like the registry's export: Korean headers in row 1, keys in row 2, then rows. */
async function xlsxOf(rows: Record<string, unknown>[], keys = EXPORT_COLUMNS.map((c) => c.key), extra: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('services');
  const labels = new Map([...EXPORT_COLUMNS, ...IMPORT_COLUMNS].map((c) => [c.key, c.label.ko]));
  const all = [...keys, ...extra];
  ws.addRow(all.map((k) => labels.get(k) ?? k));
  ws.addRow(all);
  for (const r of rows) ws.addRow(all.map((k) => r[k] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
};

function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const boundary = '----import' + randomBytes(8).toString('hex');
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(session: Session, data: Buffer, name = 'services.xlsx', opts: { csrf?: string | null } = {}) {
  const body = multipart(opts.csrf === null ? {} : { _csrf: opts.csrf ?? session.csrf }, { name, type: name.endsWith('.csv') ? 'text/csv' : XLSX, data });
  return app.inject({ method: 'POST', url: '/office/import', headers: { accept: 'text/html', cookie: cookieHeader(session.jar), 'content-type': body.contentType }, payload: body.payload });
}

/** Upload, expect a clean report, confirm; returns the number of drafts created. */
async function importAll(session: Session, data: Buffer, name = 'services.xlsx') {
  const report = await upload(session, data, name);
  assert.equal(report.statusCode, 200, report.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(-3000));
  const uploadId = /name="upload" value="([^"]+)"/.exec(report.body)![1];
  const sha = /name="sha256" value="([0-9a-f]{64})"/.exec(report.body)![1];
  const done = await session.post('/office/import/confirm', { upload: uploadId, sha256: sha });
  assert.equal(done.statusCode, 303, done.body.slice(0, 500));
  return Number(/imported=(\d+)/.exec(done.headers.location as string)![1]);
}

const apiImport = (token: string, data: Buffer, type: string, dryRun?: boolean) =>
  app.inject({ method: 'POST', url: `/api/v1/imports${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`, headers: { authorization: `Bearer ${token}`, 'content-type': type }, payload: data });

async function publicIdsOf(body: string): Promise<string[]> {
  const res = await app.inject(`/api/v1/services?body=${body}&pageSize=100`);
  return res.json().items.map((s: { id?: string; publicId?: string }) => s.id ?? s.publicId);
}

const many = (n: number, body = '41110') => Array.from({ length: n }, (_, i) => rowOf(aDisclosure({ name: { ko: `일괄 등록 서비스 ${i + 1}`, en: `Bulk service ${i + 1}` } }), { bodyCode: body }));
const IMPORT_KEYS = IMPORT_COLUMNS.map((c) => c.key);

// ----- the column definition -----------------------------------------------------------------------

describe('one column definition for export and import', () => {
  test('every export column is imported or is computed by the registry; Korean headers are distinct', () => {
    assert.deepEqual(unmappedExportKeys(), []);
    assert.deepEqual(duplicateLabels(), []);
    assert.equal(columnLetter(0), 'A');
    assert.equal(columnLetter(26), 'AA');
  });

  test('CSV: quotes, line breaks in cells, CRLF, stray control characters, unclosed quotes', () => {
    const text = 'a,b,c\r\n"x, ""y""","line1\nline2",z\x07\r\n\r\n1,"2"tail,3';
    const { records } = parseCsv(text);
    assert.deepEqual(records, [['a', 'b', 'c'], ['x, "y"', 'line1\nline2', 'z\x07'], [''], ['1', '2tail', '3']]);
    assert.equal(parseCsv('a,b\n"open,c\n').unterminatedQuoteAt, 2);
    assert.equal(decodeCsv(Buffer.from('\uFEFF가', 'utf8'))!.encoding, 'utf-8-bom');
    assert.equal(decodeCsv(Buffer.from('가나', 'utf8'))!.encoding, 'utf-8');
    const cp949 = decodeCsv(Buffer.from([0x94, 0xee, 0x8c, 0x63]))!; // 뷁똠 in CP949
    assert.deepEqual([cp949.encoding, cp949.text], ['cp949', '뷁똠']);
  });
});

// ----- the template --------------------------------------------------------------------------------

describe('template', () => {
  test('Korean headers, key row, help sheet, drop-down lists from a hidden codes sheet, frozen header', async () => {
    const res = await suwon.get('/office/import/template.xlsx');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const data = wb.getWorksheet('서비스')!;
    assert.deepEqual((data.getRow(2).values as unknown[]).slice(1), IMPORT_KEYS);
    assert.equal(data.getCell('D1').value, '서비스명');
    assert.equal(data.views[0].state, 'frozen');
    assert.equal((data.views[0] as { ySplit?: number }).ySplit, 2);
    const statusCol = columnLetter(IMPORT_KEYS.indexOf('status'));
    const dv = (data as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    assert.equal(dv[`${statusCol}3`]?.type, 'list');
    assert.match(dv[`${statusCol}3`].formulae[0], /^codes!\$[A-Z]+\$2:\$[A-Z]+\$5$/);
    assert.equal(wb.getWorksheet('codes')!.state, 'hidden');
    const help = wb.getWorksheet('도움말')!;
    const helpText = JSON.stringify(help.getSheetValues());
    for (const key of IMPORT_KEYS) assert.ok(helpText.includes(`"${key}"`), key);
    assert.match(helpText, /operating = 운영 중/);
    // An empty template is a clean "nothing to import", not a crash.
    const empty = await upload(suwon, res.rawPayload);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /가져올 행이 없습니다/);
  });

  test('officers only', async () => {
    assert.equal((await reviewer.get('/office/import')).statusCode, 403);
    assert.equal((await reviewer.get('/office/import/template.xlsx')).statusCode, 403);
    const anonymous = await app.inject({ url: '/office/import', headers: { accept: 'text/html' } });
    assert.equal(anonymous.statusCode, 303);
  });
});

// ----- 500 rows: all or none ---------------------------------------------------------------------

describe('500 rows, all or none', () => {
  test('3 bad cells: a report naming each, nothing saved; fixed: 500 drafts of the officer’s body', async () => {
    const started = Date.now();
    const rows = many(500);
    rows[9].status = 'running'; // sheet row 12 (two header rows)
    rows[199].start_date = '2024-13-45'; // row 202
    rows[497].personal = '몰라'; // row 500
    const bad = await xlsxOf(rows);
    const before = await count();
    const res = await upload(suwon, bad);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /오류 3건: 아무것도 저장하지 않았습니다/);
    const cellOf = (key: string, row: number) => `${columnLetter(EXPORT_COLUMNS.findIndex((c) => c.key === key))}${row}`;
    for (const [key, row] of [['status', 12], ['start_date', 202], ['personal', 500]] as const) {
      assert.ok(res.body.includes(`<td>${row}</td><td>${cellOf(key, row)}</td>`), `${key} row ${row}`);
      assert.ok(res.body.includes(`(${key})</td>`), key);
    }
    assert.match(res.body, /「운영 상태」의 값 &#39;running&#39;은\(는\) 허용된 값이 아닙니다/);
    assert.doesNotMatch(res.body, /name="upload"/); // no confirmation offered
    assert.equal(await count(), before);

    // The same through the API, as JSON: exactly those three cells.
    const dry = await apiImport(suwonToken, bad, XLSX, true);
    assert.equal(dry.statusCode, 200);
    const report = dry.json().report;
    assert.deepEqual(report.errors.map((e: any) => [e.row, e.column, e.cell]), [[12, 'status', cellOf('status', 12)], [202, 'start_date', cellOf('start_date', 202)], [500, 'personal', cellOf('personal', 500)]]);
    assert.equal(report.errors[0].header.ko, '운영 상태');
    assert.equal((await apiImport(suwonToken, bad, XLSX, false)).statusCode, 400);
    assert.equal(await count(), before);

    rows[9].status = '운영 중'; // a Korean label is as good as the code
    rows[199].start_date = '2024.3.1'; // a Korean-style date
    rows[497].personal = '아니오';
    const created = await importAll(suwon, await xlsxOf(rows));
    assert.equal(created, 500);
    assert.equal(await count(), before + 500);
    assert.equal(await count(sql`body_id = ${suwonBodyId} and service_id is null and state = 'draft' and disclosure->'name'->>'ko' like '일괄 등록 서비스 %'`), 500);
    const sample = await sql<{ disclosure: any }>`select disclosure from drafts where disclosure->'name'->>'ko' = '일괄 등록 서비스 200'`.execute(database.db);
    assert.equal(sample.rows[0].disclosure.startDate, '2024-03-01');
    assert.equal(sample.rows[0].disclosure.status, 'operating');
    const events = await sql<{ details: any }>`select details from audit_log where action = 'import.commit' and body_id = ${suwonBodyId}`.execute(database.db);
    assert.equal(events.rows.length, 1);
    const details = typeof events.rows[0].details === 'string' ? JSON.parse(events.rows[0].details) : events.rows[0].details;
    assert.equal(details.newDrafts, 500);
    assert.equal(details.draftIds.length, 500);
    console.log(`    500-row import (bad file, API dry run, fixed file, confirm): ${Date.now() - started} ms`);
  });

  test('a confirmation cannot be replayed or used by someone else', async () => {
    const data = await xlsxOf(many(2));
    const res = await upload(suwon, data);
    const uploadId = /name="upload" value="([^"]+)"/.exec(res.body)![1];
    const sha = /name="sha256" value="([0-9a-f]{64})"/.exec(res.body)![1];
    assert.equal((await seongnam.post('/office/import/confirm', { upload: uploadId, sha256: sha })).statusCode, 409);
    assert.equal((await suwon.post('/office/import/confirm', { upload: uploadId, sha256: '0'.repeat(64) })).statusCode, 409);
    assert.equal((await suwon.post('/office/import/confirm', { upload: uploadId, sha256: sha })).statusCode, 303);
    assert.equal((await suwon.post('/office/import/confirm', { upload: uploadId, sha256: sha })).statusCode, 409);
  });
});

describe('limits', () => {
  test('10,000 rows and 20 MB per file', async () => {
    const header = IMPORT_KEYS.join(',');
    const rows = Array.from({ length: 10_001 }, (_, i) => `,,,행${i}`).join('\n');
    const tooMany = await apiImport(suwonToken, Buffer.from(header + '\n' + rows), 'text/csv');
    assert.equal(tooMany.statusCode, 200);
    assert.deepEqual(tooMany.json().report.errors.map((e: any) => e.code), ['TOO_MANY_ROWS']);
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x41);
    const html = await upload(suwon, big, 'big.csv');
    assert.equal(html.statusCode, 413);
    assert.match(html.body, /20MB/);
    const api = await apiImport(suwonToken, big, 'text/csv');
    assert.equal(api.statusCode, 413);
    assert.equal(api.json().error.code, 'FILE_TOO_LARGE');
  });
});

// ----- whose services ------------------------------------------------------------------------------

describe('only the officer’s own body', () => {
  test('a row naming another body’s service refuses the whole file, without revealing it', async () => {
    const [theirs] = await publicIdsOf('41130');
    const theirName = (await app.inject(`/api/v1/services/${theirs}`)).json().disclosure.name.ko;
    const rows = many(3);
    rows[1].public_id = theirs;
    const extra = { change_reason: '성과 갱신' };
    const before = await count();
    const res = await upload(suwon, await xlsxOf(rows.map((r) => ({ ...r, ...extra })), undefined, ['change_reason']));
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /다른 기관의 서비스나 기관코드가 있어 이 파일은 가져올 수 없습니다/);
    assert.ok(res.body.includes(`<td>4</td><td>A4</td>`));
    assert.ok(!res.body.includes(theirName));
    // A registry ID that does not exist reads exactly the same.
    rows[1].public_id = 'GG-2099-9999';
    const missing = await upload(suwon, await xlsxOf(rows.map((r) => ({ ...r, ...extra })), undefined, ['change_reason']));
    assert.equal(missing.statusCode, 403);
    assert.equal(await count(), before);
  });

  test('a body code of another body refuses the file', async () => {
    const rows = many(2);
    rows[0].body_code = '41130';
    const res = await upload(suwon, await xlsxOf(rows));
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /기관코드 &#39;41130&#39;은\(는\) 우리 기관\(41110\)이 아닙니다/);
  });

  test('API: a token of body A naming body B’s service is refused, nothing saved', async () => {
    const [theirs] = await publicIdsOf('41130');
    const header = ['public_id', 'change_reason', ...IMPORT_KEYS.filter((k) => k !== 'public_id' && k !== 'change_reason')];
    const row = { ...rowOf(aDisclosure()), public_id: theirs, change_reason: '변경' };
    const csv = Buffer.from([header, header.map((k) => row[k as keyof typeof row])].map((r) => r.map(csvCell).join(',')).join('\r\n'));
    const before = await count();
    for (const dryRun of [true, false]) {
      const res = await apiImport(suwonToken, csv, 'text/csv', dryRun);
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'IMPORT_REFUSED');
      assert.deepEqual(res.json().report.errors.map((e: any) => [e.row, e.column, e.code]), [[2, 'public_id', 'NOT_OWN_SERVICE']]);
    }
    assert.equal(await count(), before);
    // Without the foreign row the same API saves (dryRun=false) and reports (default: dry run).
    const own = Buffer.from([header, header.map((k) => ({ ...row, public_id: '', change_reason: '' })[k as keyof typeof row])].map((r) => r.map(csvCell).join(',')).join('\r\n'));
    const dry = await apiImport(suwonToken, own, 'text/csv; charset=utf-8');
    assert.equal(dry.statusCode, 200);
    assert.equal(dry.json().report.ok, true);
    assert.equal(await count(), before);
    const saved = await apiImport(suwonToken, own, 'text/csv', false);
    assert.equal(saved.statusCode, 201);
    assert.equal(saved.json().drafts.length, 1);
    assert.equal(await count(), before + 1);
  });

  test('a change proposal of the own body needs a reason; one open proposal per service', async () => {
    const [mine] = await publicIdsOf('41110');
    const current = (await app.inject(`/api/v1/services/${mine}`)).json().disclosure;
    const row = { ...rowOf(current, { publicId: mine, bodyCode: '41110' }), effects_ko: '단속 시간이 절반으로 줄었습니다.' };
    const noReason = await upload(suwon, await xlsxOf([row], undefined, ['change_reason']));
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /「변경 사유」를 입력하십시오/);
    assert.equal(await importAll(suwon, await xlsxOf([{ ...row, change_reason: '성과 갱신' }], undefined, ['change_reason'])), 1);
    const draft = (await sql<{ disclosure: any; change_reason: string }>`select d.disclosure, d.change_reason from drafts d join services s on s.id = d.service_id where s.public_id = ${mine} and d.state = 'draft'`.execute(database.db)).rows[0];
    assert.equal(draft.change_reason, '성과 갱신');
    assert.equal(draft.disclosure.effects.ko, '단속 시간이 절반으로 줄었습니다.');
    assert.equal(draft.disclosure.effects.en, current.effects.en); // a field without a column is kept
    const again = await upload(suwon, await xlsxOf([{ ...row, change_reason: '또' }], undefined, ['change_reason']));
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /이미 작성 중인 변경 제안/);
  });

  test('CSRF: an upload without the token is refused', async () => {
    const res = await upload(suwon, await xlsxOf(many(1)), 'x.xlsx', { csrf: null });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /CSRF/);
    const wrong = await upload(suwon, await xlsxOf(many(1)), 'x.xlsx', { csrf: 'not-the-token-at-all-000000' });
    assert.equal(wrong.statusCode, 403);
  });
});

// ----- files real tools write ----------------------------------------------------------------------

describe('files written by Korean Excel and LibreOffice', () => {
  const expectKorean = async (name: string) => {
    const d = (await sql<{ disclosure: any }>`select disclosure from drafts where disclosure->'name'->>'ko' = ${name} and body_id = (select id from bodies where code = 'GG-AI')`.execute(database.db)).rows;
    assert.equal(d.length, 1, name);
    return d[0].disclosure;
  };

  test('a CP949 CSV with Korean headers imports with Korean intact', async () => {
    const res = await upload(ai, fixture('import-cp949.csv'), 'import-cp949.csv');
    assert.match(res.body, /CP949 \(EUC-KR\)/);
    assert.equal(await importAll(ai, fixture('import-cp949.csv'), 'import-cp949.csv'), 3);
    const d = await expectKorean('뷁똠 AI 민원 요약 (CP949 확장 한글)');
    assert.equal(d.field, 'civil_service');
    assert.deepEqual(d.technologyTypes, ['nlp', 'generative']);
    assert.deepEqual(d.data.datasets, [
      { name: '민원 기록', sourceBody: '경기도', kind: 'administrative', personal: false },
      { name: '상담 녹취 요약', sourceBody: '콜센터', kind: 'text', personal: true },
    ]);
    assert.deepEqual(d.outcomes, [{ name: { ko: '요약 건수' }, unit: '건', values: [{ date: '2024-12-31', value: 1200 }, { date: '2025-06-30', value: 2400 }] }]);
    assert.equal(d.budget.amountKrw, 120000000);
    assert.deepEqual(d.ethics.requirements, { privacy: { level: 'met', how: '가명 처리 후 학습' } });
    const quoted = await expectKorean('어르신 안부 확인 "AI 콜", 쉼표, 따옴표');
    assert.deepEqual(quoted.personalInfo.legalBasis, ['pipa-15-1-3', 'pipa-23']);
  });

  test('an xlsx written by LibreOffice imports with Korean intact', async () => {
    const res = await upload(ai, fixture('import-libreoffice.xlsx'), 'import-libreoffice.xlsx');
    assert.equal(res.statusCode, 200, res.body.replace(/<[^>]+>/g, ' ').slice(-2000));
    const uploadId = /name="upload" value="([^"]+)"/.exec(res.body)![1];
    const sha = /name="sha256" value="([0-9a-f]{64})"/.exec(res.body)![1];
    // The CP949 import above created the same names; these are separate new drafts.
    assert.equal((await ai.post('/office/import/confirm', { upload: uploadId, sha256: sha })).statusCode, 303);
    const rows = (await sql<{ disclosure: any }>`select disclosure from drafts where disclosure->'name'->>'ko' = '하천 수위 예측' order by id`.execute(database.db)).rows;
    assert.equal(rows.length, 2);
    const d = rows[1].disclosure;
    assert.equal(d.startDate, '2026-03-01'); // a LibreOffice date cell
    assert.equal(d.budget.amountKrw, 5000000); // a number cell
    assert.equal(d.personalInfo.processesPersonal, false); // FALSE
    assert.equal(d.aiAct.effect, 'safety');
    assert.equal(d.contact.phone, '031-333-4444');
    const first = (await sql<{ disclosure: any }>`select disclosure from drafts where disclosure->'name'->>'ko' like '뷁똠%' order by id`.execute(database.db)).rows;
    assert.deepEqual(first[1].disclosure, first[0].disclosure); // LibreOffice's rich text reads the same as the CSV
  });
});

// ----- round trip ------------------------------------------------------------------------------------

describe('an export of the registry imports again', () => {
  const asRecord = (d: Disclosure) => rowOf(d);

  test('xlsx export → change proposals equal to the published versions', async () => {
    const res = await app.inject('/api/v1/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('services')!;
    const keys = (ws.getRow(2).values as string[]).slice(1);
    const bodyCol = keys.indexOf('body_code') + 1;
    // Keep the header rows and GG-AI's own rows; add the reason column a change proposal needs.
    for (let n = ws.rowCount; n >= 3; n--) if (ws.getRow(n).getCell(bodyCol).value !== 'GG-AI') ws.spliceRows(n, 1);
    const reasonCol = keys.length + 1;
    ws.getRow(1).getCell(reasonCol).value = '변경 사유';
    ws.getRow(2).getCell(reasonCol).value = 'change_reason';
    for (let n = 3; n <= ws.rowCount; n++) ws.getRow(n).getCell(reasonCol).value = '일괄 점검';
    const own = await publicIdsOf('GG-AI');
    assert.equal(ws.rowCount - 2, own.length);
    assert.equal(await importAll(ai, Buffer.from(await wb.xlsx.writeBuffer())), own.length);
    for (const id of own) {
      const published = (await app.inject(`/api/v1/services/${id}`)).json().disclosure;
      const draft = (await sql<{ disclosure: any }>`select d.disclosure from drafts d join services s on s.id = d.service_id where s.public_id = ${id} and d.state = 'draft'`.execute(database.db)).rows[0];
      assert.deepEqual(draft.disclosure, published, id);
    }
  });

  test('CSV export (UTF-8 with BOM) → new drafts with every exported field kept', async () => {
    const res = await app.inject('/api/v1/export.csv');
    const decoded = decodeCsv(res.rawPayload)!;
    assert.equal(decoded.encoding, 'utf-8-bom');
    const [header, ...records] = parseCsv(decoded.text).records.filter((r) => r.some((c) => c !== ''));
    const at = (k: string) => header.indexOf(k);
    const own = records.filter((r) => r[at('body_code')] === 'GG-AI');
    for (const r of own) r[at('public_id')] = ''; // copies as new services
    const csv = '\uFEFF' + [header, ...own].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    const before = await count(sql`service_id is null and body_id = (select id from bodies where code = 'GG-AI')`);
    assert.equal(await importAll(ai, Buffer.from(csv), 'export.csv'), own.length);
    const drafts = (await sql<{ disclosure: any }>`select disclosure from drafts where service_id is null and body_id = (select id from bodies where code = 'GG-AI') order by id`.execute(database.db)).rows.slice(before);
    assert.equal(drafts.length, own.length);
    for (const [i, r] of own.entries()) {
      const again = asRecord(drafts[i].disclosure);
      for (const key of IMPORT_KEYS.filter((k) => k in again && k !== 'public_id' && k !== 'body_code')) {
        assert.equal(csvCell(again[key]), r[at(key)].startsWith("'") ? csvCell(r[at(key)].slice(1)) : csvCell(r[at(key)]), `${key} of row ${i}`);
      }
    }
  });
});
