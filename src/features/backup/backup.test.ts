import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { gzipSync, gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import { anAccount } from '../../../test/support/accounts.ts';
import type { Database } from '../../platform/db/database.ts';
import { publishService } from '../services/services.service.ts';
import { createDraft } from '../drafts/drafts.service.ts';
import { describeTables, countRows } from './backup.repository.ts';
import { backup, restore } from './backup.service.ts';

let source: Database;
let target: Database;
before(async () => {
  source = await testDatabase({ demo: true });
  target = await testDatabase({ demo: false });
  const s = await publishService(source.db, { bodyCode: 'GG-AI', disclosure: aDisclosure({ name: { ko: '백업 테스트 v1' } }) });
  await publishService(source.db, { bodyCode: 'GG-AI', publicId: s.publicId, changeReason: '백업 전 변경', disclosure: aDisclosure({ name: { ko: '백업 테스트 v2' } }) });
  const officer = await anAccount(source.db, 'officer', '41110');
  await createDraft(source.db, { id: officer.id, email: officer.email, name: 'x', role: 'officer', bodyId: (await sql<{ id: number }>`select id from bodies where code='41110'`.execute(source.db)).rows[0].id, bodyCode: '41110', bodyNameKo: '수원시', via: 'session' }, { disclosure: { name: { ko: '초안' } } }, null);
});
after(async () => { await source.close(); await target.close(); });

async function snapshot(db: Database['db']) {
  const out: Record<string, unknown[]> = {};
  for (const t of await describeTables(db)) {
    const order = t.primaryKey.length ? t.primaryKey : t.columns.map((c) => c.name);
    const { rows } = await sql<Record<string, unknown>>`select ${sql.join(t.columns.map((c) => sql.ref(c.name)))} from ${sql.table(t.name)} order by ${sql.join(order.map((c) => sql.ref(c)))}`.execute(db);
    out[t.name] = rows.map((r) => JSON.parse(JSON.stringify(r)));
  }
  return out;
}

test('backup → restore into an empty registry reproduces every table exactly', async () => {
  const file = await buffer(backup(source.db));
  const counts = await restore(target.db, Readable.from(file), { force: true });
  assert.ok(counts.service_versions >= 28);
  const a = await snapshot(source.db);
  const b = await snapshot(target.db);
  delete b.audit_log; // the restore itself is audited
  const aAudit = a.audit_log; delete a.audit_log;
  assert.deepEqual(b, a);
  assert.equal(await countRows(target.db, 'audit_log'), aAudit.length + 1);
  // Sequences continue after the restored ids: a new publish gets the next public id and row id.
  const next = await publishService(target.db, { bodyCode: 'GG-AI', disclosure: aDisclosure() });
  assert.match(next.publicId, /^GG-\d{4}-\d{4}$/);
});

test('a registry with services is not overwritten without --force', async () => {
  const file = await buffer(backup(source.db));
  await assert.rejects(restore(target.db, Readable.from(file)), (e: any) => e.code === 'NOT_EMPTY');
});

test('a truncated or corrupted backup changes nothing', async () => {
  const before = await snapshot(target.db);
  const full = gunzipSync(await buffer(backup(source.db))).toString('utf8');
  const cut = full.slice(0, Math.floor(full.length * 0.6));
  await assert.rejects(restore(target.db, Readable.from(gzipSync(cut.slice(0, cut.lastIndexOf('\n') + 1))), { force: true }), (e: any) => e.code === 'BAD_BACKUP' && /끊겼습니다/.test(e.message));
  await assert.rejects(restore(target.db, Readable.from(gzipSync(full.replace('"t":"bodies"', '"t":"bodies" garbage'))), { force: true }), (e: any) => e.code === 'BAD_BACKUP');
  await assert.rejects(restore(target.db, Readable.from(gzipSync('{"format":"other"}\n')), { force: true }), (e: any) => e.code === 'BAD_BACKUP');
  await assert.rejects(restore(target.db, Readable.from(Buffer.from('not gzip at all')), { force: true }), (e: any) => e.code === 'BAD_BACKUP');
  await assert.rejects(restore(target.db, Readable.from(gzipSync(full).subarray(0, 200)), { force: true }), (e: any) => e.code === 'BAD_BACKUP');
  assert.deepEqual(await snapshot(target.db), before);
});
