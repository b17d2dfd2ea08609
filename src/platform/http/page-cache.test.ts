import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp } from '../../../test/support/app.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import { anAccount, signIn } from '../../../test/support/accounts.ts';
import { publishService } from '../../features/services/services.service.ts';
import { readGeneration } from '../../features/services/search-index.repository.ts';

const { database, app } = await testApp({ demo: true });

describe('public pages kept per registry generation', () => {
  test('a repeated anonymous page is served from the cache, byte for byte, with the same ETag', async () => {
    const first = await app.inject({ url: '/services?q=%EB%B3%B5%EC%A7%80' });
    const hits = app.pages.stats.hits;
    const second = await app.inject({ url: '/services?q=%EB%B3%B5%EC%A7%80' });
    assert.equal(second.statusCode, 200);
    assert.equal(app.pages.stats.hits, hits + 1);
    assert.equal(second.body, first.body);
    assert.equal(second.headers.etag, first.headers.etag);
    const revalidated = await app.inject({ url: '/services?q=%EB%B3%B5%EC%A7%80', headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(revalidated.statusCode, 304);
  });

  test('a publish makes every kept page and API answer current at once (never stale)', async () => {
    const name = '캐시 무효화 확인 서비스';
    const urls = ['/services', '/', '/api/v1/services', '/api/v1/statistics', '/statistics', '/bodies'];
    const before = new Map<string, string>();
    for (const url of urls) before.set(url, (await app.inject({ url })).body);
    for (const url of urls) assert.equal((await app.inject({ url })).body, before.get(url), `${url} kept`);
    const gen = await readGeneration(database.db);
    await publishService(database.db, { bodyCode: '41110', disclosure: aDisclosure({ name: { ko: name } }) });
    assert.ok(BigInt(await readGeneration(database.db)) > BigInt(gen), 'a publish raises the generation');
    for (const url of urls) assert.notEqual((await app.inject({ url })).body, before.get(url), `${url} changed after the publish`);
    assert.match((await app.inject({ url: '/services' })).body, new RegExp(name));
    const api = (await app.inject({ url: '/api/v1/services?q=' + encodeURIComponent('무효화') })).json();
    assert.equal(api.total, 1);
  });

  test('a service page is kept, and a question becoming public or leaving shows at once', async () => {
    const url = '/services/GG-2025-0001';
    const first = await app.inject({ url });
    assert.equal(first.statusCode, 200);
    const hits = app.pages.stats.hits;
    assert.equal((await app.inject({ url })).body, first.body);
    assert.equal(app.pages.stats.hits, hits + 1, 'kept');
    const [{ id: serviceId }] = (await sql<{ id: number }>`select id from services where public_id = 'GG-2025-0001'`.execute(database.db)).rows;
    // an open question is not public: the page stays kept
    const gen = await readGeneration(database.db);
    const [{ id }] = (await sql<{ id: number }>`insert into questions (service_id, kind, text) values (${serviceId}, 'question', '캐시 질문 공개 확인') returning id`.execute(database.db)).rows;
    assert.equal(await readGeneration(database.db), gen, 'an open question leaves the generation alone');
    assert.equal((await app.inject({ url })).body, first.body);
    await sql`update questions set state = 'answered', answer = '캐시 답변 공개', answered_at = now() where id = ${id}`.execute(database.db);
    assert.match((await app.inject({ url })).body, /캐시 답변 공개/, 'answered: on the page at once');
    await sql`update questions set state = 'hidden' where id = ${id}`.execute(database.db);
    assert.doesNotMatch((await app.inject({ url })).body, /캐시 답변 공개/, 'hidden: gone at once');
    assert.equal((await app.inject({ url: '/services/GG-2099-0001' })).statusCode, 404, 'an unknown service is still 404');
  });

  test('writes that do not change published data leave the generation alone', async () => {
    const gen = await readGeneration(database.db);
    await anAccount(database.db, 'officer', '41110', 'gen-officer@example.kr');
    await signIn(app, 'gen-officer@example.kr');
    assert.equal(await readGeneration(database.db), gen);
  });

  test('a failed transaction leaves no trace in the generation', async () => {
    const gen = await readGeneration(database.db);
    await assert.rejects(database.db.transaction().execute(async (trx) => {
      await sql`update bodies set name_en = name_en where code = '41110'`.execute(trx);
      throw new Error('rolled back');
    }));
    assert.equal(await readGeneration(database.db), gen);
  });

  test('signed-in users always get a freshly made page', async () => {
    await anAccount(database.db, 'officer', '41110', 'fresh-officer@example.kr');
    const session = await signIn(app, 'fresh-officer@example.kr');
    await app.inject({ url: '/statistics' });
    const misses = app.pages.stats.misses;
    const hits = app.pages.stats.hits;
    const r = await session.get('/statistics');
    assert.equal(r.statusCode, 200);
    assert.equal(app.pages.stats.hits, hits);
    assert.equal(app.pages.stats.misses, misses);
  });

  test('bad parameters are still refused and nothing is kept for them', async () => {
    const entries = app.pages.stats.entries;
    // the query is parsed only when a page is made: asked again, it is refused again, never kept
    for (const url of ['/api/v1/services?page=0', '/api/v1/services?page=0', '/services?field=nope', '/services?field=nope']) {
      const r = await app.inject({ url });
      assert.equal(r.statusCode, 400, url);
      assert.match(r.body, /field|page/, url);
    }
    assert.equal(app.pages.stats.entries, entries);
  });
});

describe('compression of kept pages', () => {
  test('a client that accepts gzip gets the same page compressed, with its own ETag', async () => {
    const { gunzipSync } = await import('node:zlib');
    const plain = await app.inject({ url: '/services?lang=en' });
    const gz = await app.inject({ url: '/services?lang=en', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(gz.statusCode, 200);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(String(gz.headers.vary), /Accept-Encoding/);
    assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
    assert.notEqual(gz.headers.etag, plain.headers.etag);
    const again = await app.inject({ url: '/services?lang=en', headers: { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) } });
    assert.equal(again.statusCode, 304);
    assert.equal(plain.headers['content-encoding'], undefined);
  });
});
