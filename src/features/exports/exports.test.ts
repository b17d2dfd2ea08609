import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buffer, text } from 'node:stream/consumers';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { exportOffThread, TSX_ENTRY, workerEntry } from './export-thread.ts';
import { publishedPageBounds } from '../services/services.repository.ts';
import { csvExport, exportChunks, FORMATS, jsonExport } from './exports.ts';
import { countExportRows, tryFillLock } from './export-rows.repository.ts';
import { fillExportLines, fillInBackground, linesFilled } from './export-warm.ts';
import { postgresUrlOf } from '../../platform/db/database.ts';
import { exportRev } from './export-thread.ts';
import { publishService } from '../services/services.service.ts';
import { aDisclosure } from '../../../test/support/factories.ts';

let database: Database;
before(async () => { database = await testDatabase({ demo: true }); });
after(async () => { await database.close(); });

const inProcess = async (chunks: AsyncGenerator<string>) => { let s = ''; for await (const c of chunks) s += c; return s; };

test('the CSV and JSON exports have one record per published service', async () => {
  const csv = (await buffer(csvExport(database.db))).toString('utf8');
  assert.ok(csv.startsWith('\uFEFFpublic_id,'), 'UTF-8 with BOM');
  const [{ n }] = await database.db.selectFrom('services').select((eb) => eb.fn.countAll<number>().as('n')).execute();
  assert.equal(csv.split('\r\n').filter(Boolean).length, Number(n) + 1);
  assert.equal(JSON.parse(await text(jsonExport(database.db))).items.length, Number(n));
});

test('on PostgreSQL the export runs in a worker thread and equals the in-process one; on PGlite it stays in process', async () => {
  const thread = exportOffThread(database.db, 'csv');
  if (database.kind === 'pglite') {
    assert.equal(thread, undefined);
    return;
  }
  assert.ok(thread);
  const csv = await inProcess(exportChunks(database.db, FORMATS.csv));
  assert.equal((await buffer(thread)).toString('utf8'), csv);
  const json = await text(exportOffThread(database.db, 'json')!);
  const expected = { ...JSON.parse(await inProcess(exportChunks(database.db, FORMATS.json))), generatedAt: 0 };
  assert.deepEqual({ ...JSON.parse(json), generatedAt: 0 }, expected);
  // pages shared out between several workers are joined in order, whatever their number
  for (const [pageBytes, threads] of [[3000, 2], [6000, 3], [1, 2]]) {
    assert.equal((await buffer(exportOffThread(database.db, 'csv', { pageBytes, threads })!)).toString('utf8'), csv, `csv, pages of ${pageBytes} bytes, ${threads} threads`);
    const items = JSON.parse(await text(exportOffThread(database.db, 'json', { pageBytes, threads })!));
    assert.deepEqual({ ...items, generatedAt: 0 }, expected, `json, pages of ${pageBytes} bytes, ${threads} threads`);
  }
  assert.match((await workerEntry()).pathname, /node_modules\/\.cache\/gg-ai-registry\/export\.worker-[0-9a-f]{16}\.mjs$/, 'the worker runs bundled, not through tsx');
  // where the bundled worker cannot be written, the worker compiles itself through tsx
  assert.equal((await buffer(exportOffThread(database.db, 'csv', { entry: TSX_ENTRY, pageBytes: 3000 })!)).toString('utf8'), csv, 'through tsx');
});

test('page bounds share the registry out by stored size, one record at least a page', async () => {
  const ids = (await database.db.selectFrom('services').where('current_version_id', 'is not', null).select('public_id').orderBy('public_id').execute()).map((r) => r.public_id);
  assert.ok(ids.length > 3);
  assert.deepEqual(await publishedPageBounds(database.db, 1), ids.slice(0, -1), 'a byte a page: every record ends a page but the last');
  assert.deepEqual(await publishedPageBounds(database.db, 1e9), [], 'one page for all');
  const some = await publishedPageBounds(database.db, 3000);
  assert.ok(some.length > 1 && some.length < ids.length - 1, `a few records a page (${some.length} bounds)`);
  assert.deepEqual(some, [...some].sort(), 'in public-id order');
});

test('a worker that cannot read the database ends the stream with an error, not the process', { skip: !process.env.DATABASE_URL }, async () => {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = '/no_such_database_for_export';
  const broken = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
  await assert.rejects(text(csvExport(broken.db)), /export failed|does not exist/);
  await broken.close();
});

test('a client leaving early stops the worker (a live worker would keep this test process from ending)', { skip: !process.env.DATABASE_URL }, async () => {
  const stream = csvExport(database.db);
  const first = await new Promise<string>((resolve) => stream.once('data', (c) => resolve(String(c))));
  assert.match(first, /^\uFEFF/);
  stream.destroy();
  await new Promise((resolve) => stream.once('close', resolve));
  assert.equal(stream.destroyed, true);
});

/**
 * The CSV export as served (worker threads on PostgreSQL, in process on PGlite); `rev: null` stores
 * and uses no lines. On PostgreSQL it waits for the background fill the export may have started.
 */
async function csvText(opts: { rev?: string | null } = {}) {
  const thread = exportOffThread(database.db, 'csv', { ...opts, pageBytes: 3000 });
  const csv = thread ? (await buffer(thread)).toString('utf8') : await inProcess(exportChunks(database.db, FORMATS.csv, opts));
  await linesFilled(database.db);
  return csv;
}
const published = async () => Number((await sql<{ n: number }>`select count(*)::int as n from services where current_version_id is not null`.execute(database.db)).rows[0].n);
const currentVersion = async (offset: number) => (await sql<{ id: number; publicId: string; bodyId: number }>`
  select current_version_id as id, public_id as "publicId", body_id as "bodyId" from services where current_version_id is not null
  order by public_id offset ${offset} limit 1`.execute(database.db)).rows[0];
/** Empties export_rows once a fill an earlier export started has ended (else it could store lines after). */
const noStoredLines = async () => {
  await linesFilled(database.db);
  await sql`delete from export_rows`.execute(database.db);
};
const tamper = (versionId: number) => sql`update export_rows set csv = ${`TAMPERED-${versionId}\r\n`} where version_id = ${versionId}`.execute(database.db);

test('stored export lines: made by the first export, used by the next, never once the code or the inputs of a line changed', async () => {
  const rev = await exportRev();
  assert.match(rev ?? '', /^w[0-9a-f]{32}$/, 'the formatting code has an identity');
  await noStoredLines();
  const fresh = await csvText();
  assert.equal(fresh, await csvText({ rev: null }), 'formatting everything gives the same text');
  assert.deepEqual(await countExportRows(database.db, rev), { rows: await published(), current: await published() }, 'a line stored per published service');
  assert.equal(await csvText(), fresh, 'the export from stored lines is the same text');

  // stored lines are what is sent (a test that passes without them would prove nothing)
  const a = await currentVersion(0);
  await tamper(a.id);
  assert.ok((await csvText()).includes(`TAMPERED-${a.id}`), 'a valid stored line is sent as stored');

  // ...but never one whose inputs changed: the formatting code, the body's name, the example flag, the version
  const b = await currentVersion(1);
  const c = await currentVersion(2);
  const d = await currentVersion(3);
  await sql`update export_rows set rev = 'w-older-code' where version_id = ${a.id}`.execute(database.db);
  await tamper(b.id); await tamper(c.id); await tamper(d.id);
  const bodyName = (await database.db.selectFrom('bodies').where('id', '=', b.bodyId).select('name_ko').executeTakeFirstOrThrow()).name_ko;
  await sql`update bodies set name_ko = ${`${bodyName} (개칭)`} where id = ${b.bodyId}`.execute(database.db);
  await sql`update services set is_example = not is_example where current_version_id = ${c.id}`.execute(database.db);
  await publishService(database.db, { bodyCode: (await database.db.selectFrom('bodies').where('id', '=', d.bodyId).select('code').executeTakeFirstOrThrow()).code,
    publicId: d.publicId, changeReason: '내보내기 저장 행 시험', disclosure: aDisclosure({ name: { ko: '저장 행 시험 새 판' } }) });
  try {
    const after = await csvText();
    assert.doesNotMatch(after, /TAMPERED/, 'no line made from other inputs is sent');
    assert.ok(after.includes(`${bodyName} (개칭)`) && after.includes('저장 행 시험 새 판'), 'the new name and the new version are in');
    assert.equal(after, await csvText({ rev: null }), 'equal to formatting everything');
    assert.equal(await csvText(), after, 'and the lines stored again make the same text');
    assert.deepEqual(await countExportRows(database.db, rev), { rows: await published() + 1, current: await published() + 1 }, 'the new version has its line; the old one stays until a restore');
  } finally {
    await sql`update bodies set name_ko = ${bodyName} where id = ${b.bodyId}`.execute(database.db);
    await sql`update services set is_example = not is_example where current_version_id = ${c.id}`.execute(database.db);
  }
});

test('a slow store loses no line: a fill (PostgreSQL) or an export (PGlite) that has ended has stored every line, the last page of every worker included', async () => {
  await noStoredLines();
  await sql`create function export_rows_slow() returns trigger language plpgsql as $$ begin perform pg_sleep(0.3); return null; end $$`.execute(database.db);
  await sql`create trigger export_rows_slow after insert on export_rows for each statement execute function export_rows_slow()`.execute(database.db);
  try {
    assert.equal(await csvText(), await csvText({ rev: null }));
    assert.equal((await countExportRows(database.db)).rows, await published());
  } finally {
    await sql`drop trigger export_rows_slow on export_rows`.execute(database.db);
    await sql`drop function export_rows_slow()`.execute(database.db);
  }
});

test('on PostgreSQL an export stores no line itself: the background fill it starts does', { skip: !process.env.DATABASE_URL }, async () => {
  await noStoredLines();
  const expected = await csvText({ rev: null });
  const other = await openDatabase({ databaseUrl: postgresUrlOf(database.db)!, dataDir: '' });
  try {
    await other.db.transaction().execute(async (trx) => {
      assert.equal(await tryFillLock(trx), true, 'another process holds the fill');
      assert.equal(await csvText(), expected, 'the export formats what is missing');
      assert.equal((await countExportRows(database.db)).rows, 0, 'and stores none of it');
    });
  } finally {
    await other.close();
  }
  assert.equal(await csvText(), expected);
  assert.equal((await countExportRows(database.db)).rows, await published(), 'the fill started by the export stored every line');
  await sql`delete from export_rows`.execute(database.db);
  const first = fillInBackground(database.db);
  assert.equal(fillInBackground(database.db), first, 'one fill at a time in a process: asked again, it runs once more after');
  await first;
  assert.equal((await countExportRows(database.db)).rows, await published());
});

test('a store that fails does not fail the export', async () => {
  await noStoredLines();
  await sql`alter table export_rows add constraint export_rows_refuse check (csv = '')`.execute(database.db);
  try {
    assert.equal(await csvText(), await csvText({ rev: null }));
    assert.equal((await countExportRows(database.db)).rows, 0);
  } finally {
    await sql`alter table export_rows drop constraint export_rows_refuse`.execute(database.db);
  }
});

test('the background fill stores the missing lines, in one process at a time (PostgreSQL; PGlite exports store as they go)', async () => {
  if (database.kind === 'pglite') {
    assert.equal(await fillExportLines(database.db), undefined);
    return;
  }
  await noStoredLines();
  const other = await openDatabase({ databaseUrl: postgresUrlOf(database.db)!, dataDir: '' });
  try {
    await other.db.transaction().execute(async (trx) => {
      assert.equal(await tryFillLock(trx), true, 'another process fills');
      assert.equal(await fillExportLines(database.db), undefined, 'so this one does not');
    });
  } finally {
    await other.close();
  }
  assert.equal((await countExportRows(database.db)).rows, 0);
  assert.equal(await fillExportLines(database.db), await published(), 'every line was missing');
  const rev = await exportRev();
  assert.deepEqual(await countExportRows(database.db, rev), { rows: await published(), current: await published() });
  assert.equal(await fillExportLines(database.db), 0, 'none missing now');

  // a few missing: only those are read and formatted, not the whole registry again
  const one = await currentVersion(1);
  const line = (await sql<{ csv: string }>`delete from export_rows where version_id = ${one.id} returning csv`.execute(database.db)).rows[0].csv;
  const missing = (await buffer(exportOffThread(database.db, 'csv', { missingOnly: true, pageBytes: 3000 })!)).toString('utf8');
  assert.equal(missing, FORMATS.csv.head() + line, 'the missing line alone');
  await linesFilled(database.db);
  assert.equal((await countExportRows(database.db, rev)).current, await published(), 'and stored by the fill that export started');
  await sql`delete from export_rows where version_id = ${one.id}`.execute(database.db);
  assert.equal(await fillExportLines(database.db), 1);
  assert.deepEqual(await countExportRows(database.db, rev), { rows: await published(), current: await published() });
});

test('a worker that fails on a record ends the stream with an error (last: it breaks a record)', { skip: !process.env.DATABASE_URL }, async () => {
  // a disclosure the writer cannot read, committed so the worker's own connection sees it
  await sql`alter table service_versions disable trigger user`.execute(database.db);
  await sql`update service_versions set disclosure = '"broken"'::jsonb where id = (select current_version_id from services order by public_id limit 1)`.execute(database.db);
  await sql`alter table service_versions enable trigger user`.execute(database.db);
  await noStoredLines(); // else its stored line would be sent
  await assert.rejects(text(csvExport(database.db)), /export failed/);
});
