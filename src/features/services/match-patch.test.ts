import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import type { Database } from '../../platform/db/database.ts';
import { matchSetStats } from './services.search.ts';
import { assertSameAsIndexRead } from '../../../test/support/search.ts';
import { reindex } from './search-index.repository.ts';
import { publishService } from './services.service.ts';

let database: Database;
before(async () => { database = await testDatabase({ demo: true }); });
after(async () => { await database.close(); });

const QUERIES: Record<string, string>[] = [
  { q: '복지' }, { q: '복지', sort: 'newest' }, { q: '패치확인' }, { q: '패치확인', page: '2', pageSize: '2' },
  { q: 'AI 서비스' }, { field: 'welfare' }, { field: 'safety', status: 'operating' }, { body: '41110' },
  { q: '패치확인', field: 'welfare', sort: 'name' }, { tech: 'prediction', personal: 'false' },
];

/** Every query's result from the kept (patched) match against a fresh read. */
const assertSameAsFreshRead = (when: string) => assertSameAsIndexRead(database.db, QUERIES, when);

const publish = (name: string, field: string, publicId?: string, tech = ['nlp']) => publishService(database.db, {
  bodyCode: '41110', publicId, changeReason: publicId ? '변경' : undefined,
  disclosure: aDisclosure({ name: { ko: name }, field: field as never, technologyTypes: tech as never }),
});

describe('kept match sets brought up to date from the index change log', () => {
  test('after new services, new versions moving in and out of a match, and a reindex, every result equals a fresh read', async () => {
    await assertSameAsFreshRead('first read');
    const start = matchSetStats(database.db);

    const a = await publish('패치확인 복지 상담', 'welfare', undefined, ['prediction']);
    await publish('패치확인 안전 점검', 'safety');
    await assertSameAsFreshRead('after two new services');
    const afterNew = matchSetStats(database.db);
    assert.ok(afterNew.patched > start.patched, 'kept match sets were patched, not read again');
    assert.equal(afterNew.read, start.read, 'no match set was read whole');

    await publish('이름이 바뀐 안전 서비스', 'safety', a.publicId); // leaves 복지, 패치확인 and welfare
    await assertSameAsFreshRead('after a version leaving the matches');
    await publish('패치확인 복지 다시', 'welfare', a.publicId, ['prediction', 'classification']); // and comes back
    for (let i = 0; i < 3; i++) await publish(`패치확인 추가 ${i}`, i % 2 ? 'welfare' : 'safety');
    await assertSameAsFreshRead('after a version coming back and more services');
    assert.equal(matchSetStats(database.db).read, start.read, 'still patched');

    await database.db.transaction().execute((trx) => reindex(trx));
    await assertSameAsFreshRead('after a reindex');
    assert.ok(matchSetStats(database.db).read > start.read, 'a reindex restarts the log: kept sets are read whole');
  });

  test('a removed index row leaves the kept matches; a truncate restarts the log', async () => {
    await assertSameAsFreshRead('before');
    const { rows } = await sql<{ service_id: number }>`select service_id from service_index order by service_id desc limit 1`.execute(database.db);
    const before = matchSetStats(database.db);
    await sql`delete from service_index where service_id = ${rows[0].service_id}`.execute(database.db);
    await assertSameAsFreshRead('after a removal');
    assert.equal(matchSetStats(database.db).read, before.read);

    await database.db.transaction().execute(async (trx) => {
      await sql`truncate service_index`.execute(trx);
      const g = await sql<{ n: string; log_from: string }>`select n::text, log_from::text from registry_generation`.execute(trx);
      assert.equal(g.rows[0].log_from, g.rows[0].n);
      assert.equal((await sql<{ c: number }>`select count(*)::int as c from service_index_removed`.execute(trx)).rows[0].c, 0);
      throw new Rollback();
    }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
  });

  test('rows are logged under the generation their transaction commits', async () => {
    const g0 = BigInt((await sql<{ n: string }>`select n::text from registry_generation`.execute(database.db)).rows[0].n);
    const s = await publish('패치확인 세대', 'welfare');
    const { rows } = await sql<{ rev: string; n: string }>`select i.rev::text, g.n::text from service_index i, registry_generation g
      where i.service_id = (select id from services where public_id = ${s.publicId})`.execute(database.db);
    assert.ok(BigInt(rows[0].rev) > g0 && BigInt(rows[0].rev) <= BigInt(rows[0].n));
    // a transaction whose only change is to the index: logged under the generation it makes, above the one before
    const g1 = (await sql<{ n: string }>`select n::text from registry_generation`.execute(database.db)).rows[0].n;
    const touched = await sql<{ rev: string }>`update service_index set facets = facets
      where service_id = (select id from services where public_id = ${s.publicId}) returning rev::text`.execute(database.db);
    const g2 = (await sql<{ n: string }>`select n::text from registry_generation`.execute(database.db)).rows[0].n;
    assert.equal(BigInt(g2), BigInt(g1) + 1n);
    assert.equal(touched.rows[0].rev, g2);
  });
});

class Rollback extends Error {}
