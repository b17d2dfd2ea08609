import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseServiceFilter } from './services.filter.ts';
import { findPublishedService, listVersions } from './services.repository.ts';
import { facetCounts, searchServices } from './services.search.ts';
import { bodyCodeMap, indexScans, matchSet, reindex } from './search-index.repository.ts';
import { countFacets } from './search-index.ts';
import { publishService } from './services.service.ts';

let database: Database;
before(async () => { database = await testDatabase({ demo: true }); });
after(async () => { await database.close(); });

const search = (q: Record<string, string>) => searchServices(database.db, parseServiceFilter(q));

describe('Korean search', () => {
  test('finds 고독사 inside a compound title', async () => {
    const r = await search({ q: '고독사' });
    assert.equal(r.items[0].name, '인공지능 기반 고독사 예방 및 대응 서비스');
  });

  test('finds two-syllable words (진단, 복지)', async () => {
    const diag = await search({ q: '진단' });
    assert.ok(diag.items.some((i) => i.name.includes('AI 진단보조시스템')));
    const welfare = await search({ q: '복지' });
    assert.ok(welfare.total >= 2);
    assert.ok(welfare.items.some((i) => i.name.includes('복지 사각지대')));
  });

  test('finds text that appears only in a deeper disclosed item', async () => {
    await publishService(database.db, {
      bodyCode: '41110',
      disclosure: aDisclosure({
        name: { ko: '수원시 문서 요약' },
        ethics: { summary: { ko: '점검' }, requirements: { privacy: { level: 'met', how: '비식별처리된 말뭉치만 학습합니다' } } },
      }),
    });
    const r = await search({ q: '말뭉치' });
    assert.deepEqual(r.items.map((i) => i.name), ['수원시 문서 요약']);
  });

  test('ranks title hits before hits in other items', async () => {
    await publishService(database.db, { bodyCode: '41110', disclosure: aDisclosure({ name: { ko: '주차 안내' }, purpose: { ko: '교량 점검 인력을 줄이기 위한 교량 관련 기능' } }) });
    await publishService(database.db, { bodyCode: '41110', disclosure: aDisclosure({ name: { ko: '교량 안전 점검 AI' } }) });
    const r = await search({ q: '교량' });
    assert.equal(r.items[0].name, '교량 안전 점검 AI');
    assert.equal(r.total, 2);
  });

  test('every word of a multi-word query must match; English is case-insensitive', async () => {
    assert.equal((await search({ q: 'AI 챗봇' })).total, 1);
    assert.equal((await search({ q: '챗봇 존재하지않는말' })).total, 0);
    assert.ok((await search({ q: 'CHATBOT' })).total >= 1);
  });

  test('the word index and the vocabulary index serve the query', async () => {
    await sql`set enable_seqscan = off`.execute(database.db);
    try {
      const plan = async (q: ReturnType<typeof sql>) => (await sql<{ 'QUERY PLAN': string }>`explain ${q}`.execute(database.db)).rows.map((r) => r['QUERY PLAN']).join('\n');
      assert.match(await plan(sql`select word from search_words where grams @> array['고독','독사']::text[] collate "C"`), /search_words_grams_idx/);
      assert.match(await plan(sql`select service_id from service_index where terms && array['고독사']::text[] collate "C"`), /service_index_terms_idx/);
    } finally {
      await sql`reset enable_seqscan`.execute(database.db);
    }
  });

  test('text queries scan the GIN index even where the planner would scan the table (reading every key list from TOAST)', async () => {
    const plan = async (db: typeof database.db | Parameters<Parameters<typeof indexScans>[2]>[0]) =>
      (await sql<{ 'QUERY PLAN': string }>`explain select string_agg(rec, ''::bytea) from service_index where terms && array['복지']::text[] collate "C"`.execute(db)).rows.map((r) => r['QUERY PLAN']).join('\n');
    const q = { terms: ['복지'], facets: {} };
    assert.match(await plan(database.db), /Seq Scan on service_index/); // a small table: the planner's own choice
    assert.match(await indexScans(database.db, q, plan), /service_index_terms_idx/);
    // no JIT: the disabled scan's cost must not make PostgreSQL compile the query (300 ms at 100k)
    const analyzed = await indexScans(database.db, q, async (db) => (await sql<{ 'QUERY PLAN': string }>`explain (analyze)
      select (select n from registry_generation), string_agg(rec, ''::bytea) from service_index where terms && array['복지']::text[] collate "C"`.execute(db)).rows.map((r) => r['QUERY PLAN']).join('\n'));
    assert.doesNotMatch(analyzed, /JIT:/);
    await database.db.transaction().execute(async (trx) => {
      const before = (await sql<{ s: string; j: string | null }>`select current_setting('enable_seqscan') as s, current_setting('jit', true) as j`.execute(trx)).rows[0];
      await indexScans(trx, q, plan);
      const after = (await sql<{ s: string; j: string | null }>`select current_setting('enable_seqscan') as s, current_setting('jit', true) as j`.execute(trx)).rows[0];
      assert.deepEqual(after, before, "the caller's transaction gets its settings back");
    });
  });

  test('a word inside a longer word is found; letters apart are not (no false bigram matches)', async () => {
    await publishService(database.db, { bodyCode: '41110', disclosure: aDisclosure({ name: { ko: '고독한 하루 독사 주의' } }) });
    const r = await search({ q: '고독사' });
    assert.ok(!r.items.some((i) => i.name === '고독한 하루 독사 주의'));
    assert.ok((await search({ q: '하루' })).items.some((i) => i.name === '고독한 하루 독사 주의'));
  });
});

describe('whole-registry totals', () => {
  /** Facets counted from every service's index row (the match-set path), for comparison. */
  const counted = async () => {
    const r = await matchSet(database.db, { terms: [], facets: {} });
    const v = new DataView(r.rows!.buffer, r.rows!.byteOffset, r.rows!.byteLength);
    const n = r.rows!.byteLength / 16;
    const bodies = Int32Array.from({ length: n }, (_, i) => v.getInt32(i * 16 + 4));
    const facets = Int32Array.from({ length: n }, (_, i) => v.getInt32(i * 16 + 8));
    return { total: n, facets: countFacets(bodies, facets, await bodyCodeMap(database.db)) };
  };

  test('the totals kept by triggers equal a count of every service, after publishes, new versions and a reindex', async () => {
    const check = async (when: string) => {
      const want = await counted();
      assert.deepEqual(await facetCounts(database.db, parseServiceFilter({})), want.facets, when);
      assert.equal((await searchServices(database.db, parseServiceFilter({}))).total, want.total, when);
    };
    await check('seeded');
    const a = await publishService(database.db, { bodyCode: '41110', disclosure: aDisclosure({ name: { ko: '집계 확인 A' }, field: 'welfare', technologyTypes: ['prediction', 'classification'] }) });
    await check('after a new service');
    await publishService(database.db, { bodyCode: '41110', publicId: a.publicId, changeReason: '분야 변경', disclosure: aDisclosure({ name: { ko: '집계 확인 A' }, field: 'safety', technologyTypes: ['computer_vision'] }) });
    await check('after a new version in another field');
    await database.db.transaction().execute((trx) => reindex(trx));
    await check('after a reindex');
    assert.equal((await facetCounts(database.db, parseServiceFilter({}))).field.safety >= 1, true);
  });
});

describe('filters, facets and paging', () => {
  test('facets count the current result set', async () => {
    const f = await facetCounts(database.db, parseServiceFilter({ field: 'welfare' }));
    assert.deepEqual(Object.keys(f.field), ['welfare']);
    const total = Object.values(f.personal).reduce((a, b) => a + b, 0);
    assert.equal(total, (await search({ field: 'welfare' })).total);
  });

  test('boolean filters and body filter', async () => {
    const hi = await search({ highImpact: 'true' });
    assert.ok(hi.items.length > 0 && hi.items.every((i) => i.highImpact));
    const body = await search({ body: 'GGI-MEDICAL' });
    assert.ok(body.items.every((i) => i.bodyCode === 'GGI-MEDICAL'));
    const gen = await search({ generative: 'true', tech: 'generative' });
    assert.ok(gen.total >= 2);
  });

  test('paging returns disjoint pages and the same total', async () => {
    const a = await search({ pageSize: '5', page: '1', sort: 'name' });
    const b = await search({ pageSize: '5', page: '2', sort: 'name' });
    assert.equal(a.total, b.total);
    assert.equal(a.items.length, 5);
    assert.equal(new Set([...a.items, ...b.items].map((i) => i.publicId)).size, 10);
    const beyond = await search({ pageSize: '5', page: '999' });
    assert.equal(beyond.items.length, 0);
    assert.equal(beyond.total, a.total);
  });

  test('bad parameters are refused with the field named in Korean', () => {
    for (const [q, field] of [[{ page: 'abc' }, 'page'], [{ pageSize: '1000' }, 'pageSize'], [{ field: 'nope' }, 'field'], [{ personal: 'maybe' }, 'personal'], [{ unknown: 'x' }, '']] as const) {
      assert.throws(() => parseServiceFilter(q), (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.status, 400);
        assert.equal(e.code, 'VALIDATION_FAILED');
        if (field) assert.equal(e.problems[0].field, field);
        assert.match(e.problems[0].message, /[가-힣]/);
        return true;
      });
    }
  });
});

describe('publishing and versions', () => {
  test('public ids are stable and sequential per year', async () => {
    const a = await publishService(database.db, { bodyCode: 'GG-AI', disclosure: aDisclosure(), publishedAt: new Date('2026-03-01T00:00:00Z') });
    const b = await publishService(database.db, { bodyCode: 'GG-AI', disclosure: aDisclosure(), publishedAt: new Date('2026-03-02T00:00:00Z') });
    assert.match(a.publicId, /^GG-2026-\d{4}$/);
    assert.equal(Number(b.publicId.slice(-4)), Number(a.publicId.slice(-4)) + 1);
  });

  test('a new version keeps the old one and needs a reason', async () => {
    const first = await publishService(database.db, { bodyCode: 'GG-AI', disclosure: aDisclosure({ name: { ko: '버전 테스트 v1' } }) });
    await assert.rejects(publishService(database.db, { bodyCode: 'GG-AI', publicId: first.publicId, disclosure: aDisclosure() }), (e: AppError) => e.problems[0].field === 'changeReason');
    const second = await publishService(database.db, { bodyCode: 'GG-AI', publicId: first.publicId, changeReason: '명칭 변경', disclosure: aDisclosure({ name: { ko: '버전 테스트 v2' } }) });
    assert.equal(second.versionNo, 2);
    const rec = await findPublishedService(database.db, first.publicId);
    assert.equal((rec!.disclosure as any).name.ko, '버전 테스트 v2');
    const versions = await listVersions(database.db, rec!.serviceId);
    assert.deepEqual(versions.map((v) => v.versionNo), [2, 1]);
    assert.equal((await search({ q: '버전 테스트' })).items[0].name, '버전 테스트 v2');
  });

  test('another body cannot publish a version of a service it does not own', async () => {
    const s = await publishService(database.db, { bodyCode: '41110', disclosure: aDisclosure() });
    await assert.rejects(publishService(database.db, { bodyCode: '41130', publicId: s.publicId, changeReason: 'x', disclosure: aDisclosure() }), (e: AppError) => e.status === 404);
  });

  test('published versions cannot be changed or deleted, even by SQL', async () => {
    await assert.rejects(sql`update service_versions set change_reason = 'tamper'`.execute(database.db), /immutable/);
    await assert.rejects(sql`delete from service_versions`.execute(database.db), /immutable/);
  });

  test('invalid disclosures change nothing and name every field', async () => {
    const before = await search({ pageSize: '1' });
    await assert.rejects(
      publishService(database.db, { bodyCode: 'GG-AI', disclosure: { ...aDisclosure(), name: { ko: '' }, personalInfo: { ...aDisclosure().personalInfo, processesPersonal: true } } }),
      (e: AppError) => {
        const fields = e.problems.map((p) => p.field);
        assert.ok(fields.includes('name.ko'));
        assert.ok(fields.includes('personalInfo.legalBasis'));
        assert.match(e.problems.find((p) => p.field === 'name.ko')!.message, /서비스명/);
        return true;
      },
    );
    assert.equal((await search({ pageSize: '1' })).total, before.total);
  });

  test('concurrent publishes all land (serialized transactions on PGlite)', async () => {
    const before = (await search({ pageSize: '1' })).total;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => publishService(database.db, { bodyCode: '41280', disclosure: aDisclosure({ name: { ko: `동시 등록 ${i}` } }) })));
    assert.equal(new Set(results.map((r) => r.publicId)).size, 8);
    assert.equal((await search({ pageSize: '1' })).total, before + 8);
  });
});
