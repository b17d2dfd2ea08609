import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buffer, text } from 'node:stream/consumers';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { exportOffThread, TSX_ENTRY, workerEntry } from './export-thread.ts';
import { publishedPageBounds } from '../services/services.repository.ts';
import { csvExport, exportChunks, FORMATS, jsonExport } from './exports.ts';

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

test('a worker that fails on a record ends the stream with an error (last: it breaks a record)', { skip: !process.env.DATABASE_URL }, async () => {
  // a disclosure the writer cannot read, committed so the worker's own connection sees it
  await sql`alter table service_versions disable trigger user`.execute(database.db);
  await sql`update service_versions set disclosure = '"broken"'::jsonb where id = (select current_version_id from services order by public_id limit 1)`.execute(database.db);
  await sql`alter table service_versions enable trigger user`.execute(database.db);
  await assert.rejects(text(csvExport(database.db)), /export failed/);
});
