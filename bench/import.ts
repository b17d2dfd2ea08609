/**
 * Spreadsheet import throughput: N rows of new services for one body, written as CSV files like the
 * registry's own export (key row, then one row per service; UTF-8 with BOM), sent to the app's
 * child process through the officer API that the import page shares (POST /api/v1/imports, body =
 * the file, API token of a registering officer). Each file is read, checked row by row against
 * the disclosure schema and saved as drafts in one transaction, all rows or none. Files hold at
 * most the importer's limits (MAX_ROWS rows, MAX_BYTES bytes): 10,000 rows fit one file unless they pass 20 MB.
 * Timed twice: check only (dryRun=true) and check + save (dryRun=false).
 * Baseline in the same run: the same disclosures inserted into drafts with one raw SQL statement
 * (json_populate_recordset), in a transaction that is rolled back.
 */
import { openDatabase } from '../src/platform/db/database.ts';
import type { Actor } from '../src/features/accounts/actor.ts';
import { createAccount, createApiToken } from '../src/features/accounts/accounts.service.ts';
import { EXPORT_COLUMNS, type ExportRecord } from '../src/features/disclosure/disclosure.fields.ts';
import type { Disclosure } from '../src/features/disclosure/disclosure.schema.ts';
import { MAX_BYTES, MAX_ROWS } from '../src/features/imports/import.read.ts';
import pg from 'pg';
import { generateService, rng, type BodyRef } from './generate.ts';

export interface Officer { id: number; email: string; password: string; token: string; body: BodyRef }

/** A registering officer of one body with an API token, created through the app's own services. */
export async function benchOfficer(url: string, bodyCode: string): Promise<Officer> {
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  try {
    const db = database.db;
    const b = await db.selectFrom('bodies').where('code', '=', bodyCode).select(['id', 'code', 'kind', 'name_ko']).executeTakeFirstOrThrow();
    const email = `bench.officer.${b.code.toLowerCase()}@bench.gg.go.kr`;
    const password = 'bench-password-2026';
    const id = await createAccount(db, null, { email, name: '벤치마크 담당자', role: 'officer', body: b.code, password }, null);
    const actor: Actor = { id, email, name: '벤치마크 담당자', role: 'officer', bodyId: b.id, bodyCode: b.code, bodyNameKo: b.name_ko, via: 'session' };
    const token = await createApiToken(db, actor, 'bench import', null);
    return { id, email, password, token, body: { id: b.id, code: b.code, kind: b.kind, nameKo: b.name_ko } };
  } finally {
    await database.close();
  }
}

// As the export writes cells (src/features/exports): quotes where needed, formula guard.
function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^[=+\-@\t]/.test(s) ? '"' + (/^[=+\-@\t]/.test(s) ? "'" : '') + s.replace(/"/g, '""') + '"' : s;
}

/** CSV files of `rows` new services of the officer's body, split at the importer's limits. */
export function importFiles(officer: Officer, rows: number, seed: number): { files: { rows: number; bytes: Buffer }[]; disclosures: unknown[] } {
  const r = rng(seed);
  const head = '\uFEFF' + EXPORT_COLUMNS.map((c) => csvCell(c.key)).join(',') + '\r\n';
  const disclosures: unknown[] = [];
  const files: { rows: number; bytes: Buffer }[] = [];
  let lines: string[] = [];
  let size = Buffer.byteLength(head);
  const flush = () => {
    if (lines.length) files.push({ rows: lines.length, bytes: Buffer.from(head + lines.join('')) });
    lines = [];
    size = Buffer.byteLength(head);
  };
  for (let i = 0; i < rows; i++) {
    const { schemaVersion: _, ...disclosure } = generateService(r, { real: [officer.body], extra: [] }).versions[0].disclosure;
    disclosures.push(disclosure);
    const record: ExportRecord = { publicId: '', bodyCode: officer.body.code, bodyName: officer.body.nameKo, version: 0, publishedAt: '', isExample: false, highImpact: false, disclosure: disclosure as Disclosure };
    const line = EXPORT_COLUMNS.map((c) => csvCell(c.value(record))).join(',') + '\r\n';
    const n = Buffer.byteLength(line);
    if (lines.length >= MAX_ROWS || size + n > MAX_BYTES) flush();
    lines.push(line);
    size += n;
  }
  flush();
  return { files, disclosures };
}

export interface ImportResult {
  rows: number;
  files: number;
  bytes: number;
  checkMs: number;
  importMs: number;
  saved: number;
  failures: string[];
  baselineMs: number;
}

async function post(appBase: string, token: string, file: Buffer, dryRun: boolean) {
  const res = await fetch(`${appBase}/api/v1/imports?dryRun=${dryRun}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' }, body: new Uint8Array(file),
  });
  const body = (await res.json()) as { saved?: boolean; drafts?: number[]; report?: { ok: boolean; rows: number; newDrafts: number; errorCount: number; errors: { row: number | null; column: string | null; message: string }[] } };
  return { status: res.status, body };
}

export async function measureImport(appBase: string, url: string, officer: Officer, rows: number, seed: number): Promise<ImportResult> {
  const { files, disclosures } = importFiles(officer, rows, seed);
  const failures: string[] = [];
  const describe = (i: number, r: Awaited<ReturnType<typeof post>>) =>
    `file ${i + 1}: HTTP ${r.status}, ${r.body.report?.errorCount ?? '?'} errors${r.body.report?.errors?.length ? ': ' + r.body.report.errors.slice(0, 3).map((e) => `row ${e.row} ${e.column}: ${e.message}`).join('; ') : ''}`;

  let t0 = performance.now();
  for (const [i, f] of files.entries()) {
    const r = await post(appBase, officer.token, f.bytes, true);
    if (r.status !== 200 || !r.body.report?.ok || r.body.report.newDrafts !== f.rows) failures.push('check ' + describe(i, r));
  }
  const checkMs = performance.now() - t0;

  let saved = 0;
  t0 = performance.now();
  for (const [i, f] of files.entries()) {
    const r = await post(appBase, officer.token, f.bytes, false);
    if (r.status !== 201 || r.body.drafts?.length !== f.rows) failures.push('import ' + describe(i, r));
    saved += r.body.drafts?.length ?? 0;
  }
  const importMs = performance.now() - t0;

  // What is stored must be what was acknowledged.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let baselineMs = NaN;
  try {
    const stored = Number((await client.query('select count(*)::int n from drafts where body_id = $1 and created_by = $2', [officer.body.id, officer.id])).rows[0].n);
    if (stored !== saved) failures.push(`${saved} drafts acknowledged, ${stored} stored`);
    const t1 = performance.now();
    await client.query('begin');
    await client.query(
      `insert into drafts (body_id, service_id, state, disclosure, change_reason, created_by, updated_by)
       select $1, null, 'draft', d, null, $2, $2 from jsonb_array_elements($3::jsonb) d`,
      [officer.body.id, officer.id, JSON.stringify(disclosures)],
    );
    baselineMs = performance.now() - t1;
    await client.query('rollback');
  } finally {
    await client.end();
  }
  return { rows, files: files.length, bytes: files.reduce((n, f) => n + f.bytes.length, 0), checkMs, importMs, saved, failures, baselineMs };
}
