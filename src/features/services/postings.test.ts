import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import fc from 'fast-check';
import { testDatabase } from '../../../test/support/db.ts';
import { assertSameAsIndexRead as sameAsIndexRead } from '../../../test/support/search.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import type { Database } from '../../platform/db/database.ts';
import { parseServiceFilter } from './services.filter.ts';
import { listServices, matchSetStats, searchTuning } from './services.search.ts';
import { reindex } from './search-index.repository.ts';
import { countPostings, keepPosting } from './search-postings.repository.ts';
import { publishService } from './services.service.ts';
import { newestKeys } from './postings.ts';
import { ID_SPACE } from './match-set.ts';

let database: Database;
before(async () => {
  database = await testDatabase({ demo: true });
  searchTuning(database.db, { postingMinHits: 1, recordRange: 7 }); // every term searched is kept as a posting; records read 7 ids a statement
});
after(async () => { await database.close(); });

const QUERIES: Record<string, string>[] = [
  { q: '복지' }, { q: '복지', sort: 'newest' }, { q: '복지', page: '2', pageSize: '2' }, { q: '포스팅' }, { q: '포스팅 복지' },
  { q: '민원 챗봇' }, { q: 'AI' }, { q: 'ai 서비스', field: 'welfare' }, { q: '지' }, { q: '인공지능' }, { q: '포스팅', body: '41110' },
  { q: '복지', body: 'NO-SUCH-BODY' }, { q: '포스팅', tech: 'prediction', personal: 'false' }, { q: '포스팅', sort: 'name' },
  { q: '포스팅확인', pageSize: '1', page: '2' }, { field: 'welfare' }, { status: 'operating', generative: 'true' }, { body: '41110' },
];

/** Every query's result with nothing kept (from postings when all its terms have one) against the index statement. */
async function assertSameAsIndexRead(when: string) {
  searchTuning(database.db, { forget: true });
  await sameAsIndexRead(database.db, QUERIES, when);
}

const publish = (name: string, summary: string, field: string, publicId?: string, tech = ['nlp']) => publishService(database.db, {
  bodyCode: '41110', publicId, changeReason: publicId ? '변경' : undefined,
  disclosure: aDisclosure({ name: { ko: name }, summary: { ko: summary }, field: field as never, technologyTypes: tech as never }),
});

const postingBits = async (term: string) => (await sql<{ n: number }>`
  select coalesce(sum(length(replace(bits::text, '0', ''))), 0)::int as n from search_posting_blocks where term = ${term}`.execute(database.db)).rows[0].n;

describe('postings of frequent terms (migration 010)', () => {
  test('a searched term is kept as a posting in its three marks, and later searches read it instead of the index', async () => {
    await publish('포스팅확인 복지 상담', '어르신 돌봄 안내', 'welfare', undefined, ['prediction']);
    const before = matchSetStats(database.db);
    await assertSameAsIndexRead('first reads: the postings made');
    for (const t of ['복지', '^복지', '~복지', '포스팅', '^포스팅', '~포스팅', 'ai', '지']) {
      assert.ok((await sql<{ n: number }>`select count(*)::int as n from search_postings where term = ${t}`.execute(database.db)).rows[0].n === 1, t);
    }
    const total = (await listServices(database.db, parseServiceFilter({ q: '복지' }))).total;
    assert.equal(await postingBits('복지'), total, 'one bit per matching service');
    await assertSameAsIndexRead('second reads: from the postings');
    const after = matchSetStats(database.db);
    assert.ok(after.posted - before.posted >= QUERIES.length, `every query of the second round came from postings (${after.posted - before.posted})`);
  });

  test('publishing keeps the postings exact: services coming in, leaving, coming back, and a removed index row', async () => {
    const a = await publish('포스팅확인 새 서비스', '복지 지원', 'safety');
    await assertSameAsIndexRead('after a new service');
    const inSummary = await postingBits('~복지');
    await publish('이름이 바뀐 안전 서비스', '점검 안내', 'safety', a.publicId); // leaves 포스팅 and 복지
    assert.equal(await postingBits('~복지'), inSummary - 1);
    await assertSameAsIndexRead('after a version leaving');
    await publish('포스팅확인 복지 다시', '복지 상담', 'welfare', a.publicId, ['prediction', 'classification']);
    for (let i = 0; i < 3; i++) await publish(`포스팅확인 추가 ${i}`, i % 2 ? '복지 안내' : '안전 안내', i % 2 ? 'welfare' : 'safety');
    await assertSameAsIndexRead('after a version coming back and more services');
    await sql`delete from service_index where service_id = (select id from services where public_id = ${a.publicId})`.execute(database.db);
    await assertSameAsIndexRead('after a removed index row');
  });

  test('a reindex forgets the postings; a truncate (restore) forgets them and the records in memory', async () => {
    assert.ok((await countPostings(database.db)) > 0);
    await database.db.transaction().execute((trx) => reindex(trx));
    assert.equal(await countPostings(database.db), 0);
    await assertSameAsIndexRead('after a reindex, postings made again');
    assert.ok((await countPostings(database.db)) > 0);
    await database.db.transaction().execute(async (trx) => {
      await sql`truncate service_index`.execute(trx);
      assert.equal(await countPostings(trx), 0);
      const { rows } = await sql<{ rev: string; n: string }>`select b.rev::text, g.n::text from index_blocks b, registry_generation g where b.block = -1`.execute(trx);
      assert.equal(rows[0].rev, rows[0].n, 'block -1 marks everything changed');
      throw new Rollback();
    }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
    await assertSameAsIndexRead('after the rolled back truncate');
  });

  test('a posting made while services are being published misses none of them', async () => {
    const published = Array.from({ length: 8 }, (_, i) => publish(`동시작성 ${i}`, '동시작성 안내', 'welfare'));
    const made = keepPosting(database.db, '동시작성');
    const more = Array.from({ length: 8 }, (_, i) => publish(`동시작성 뒤 ${i}`, '안내', 'safety'));
    await Promise.all([...published, made, ...more]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from service_index i, search_words w
      where strpos(w.word, '동시작성') > 0 and i.terms @> array[w.word]::text[]`.execute(database.db);
    assert.equal(rows[0].n, 16);
    assert.equal(await postingBits('동시작성'), 16);
  });

  test('a republish with the same index keys writes no posting row', async () => {
    const s = await publish('포스팅확인 같은 열쇠', '복지 안내', 'welfare');
    await assertSameAsIndexRead('before');
    const { rows: before } = await sql<{ x: string }>`select xmin::text as x from search_posting_blocks where term = '복지' order by block`.execute(database.db);
    await sql`update service_index set published_at = published_at + interval '1 second' where service_id = (select id from services where public_id = ${s.publicId})`.execute(database.db);
    const { rows: after } = await sql<{ x: string }>`select xmin::text as x from search_posting_blocks where term = '복지' order by block`.execute(database.db);
    assert.deepEqual(after, before);
    await assertSameAsIndexRead('after the new publication time');
  });
});

test('the radix order of the newest keys equals sorting the keys', () => {
  fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: ID_SPACE - 1 }), { maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { minLength: 300, maxLength: 300 }), (idList, secs) => {
    const ids = Int32Array.from(idList.sort((a, b) => a - b));
    const seconds = Int32Array.from(ids, (_, i) => secs[i] % (i % 3 === 0 ? 5 : 2 ** 31)); // many equal seconds too
    const expected = Float64Array.from(ids, (id, i) => seconds[i] * ID_SPACE + id).sort();
    assert.deepEqual(newestKeys(ids, seconds), expected);
  }));
});

class Rollback extends Error {}
