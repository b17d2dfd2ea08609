import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { anAccount, disclosureForm, signIn } from '../../../test/support/accounts.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import type { Database } from '../../platform/db/database.ts';
import { buildApp } from '../../app.tsx';

let database: Database;
let app: FastifyInstance;
let officerA: Awaited<ReturnType<typeof signIn>>;
let officerB: Awaited<ReturnType<typeof signIn>>;
let reviewer: Awaited<ReturnType<typeof signIn>>;

before(async () => {
  database = await testDatabase({ demo: true });
  app = await buildApp({ db: database.db });
  const a = await anAccount(database.db, 'officer', '41110');
  const b = await anAccount(database.db, 'officer', '41130');
  const r = await anAccount(database.db, 'reviewer');
  officerA = await signIn(app, a.email);
  officerB = await signIn(app, b.email);
  reviewer = await signIn(app, r.email);
});
after(async () => { await app.close(); await database.close(); });

async function newDraft(session = officerA) {
  const res = await session.post('/office/drafts', {});
  assert.equal(res.statusCode, 303);
  return Number(/\/office\/drafts\/(\d+)/.exec(res.headers.location as string)![1]);
}
const revisionOf = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1];

describe('register → submit → return → resubmit → publish', () => {
  test('the whole path, with every problem listed next to its field', async () => {
    const id = await newDraft();
    let page = await officerA.get(`/office/drafts/${id}`);
    assert.equal(page.statusCode, 200);
    // A partial draft saves at any time.
    let res = await officerA.post(`/office/drafts/${id}`, { revision: revisionOf(page.body), intent: 'save', 'name.ko': '수원시 AI 민원 요약' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /저장했습니다/);
    assert.match(res.body, /value="수원시 AI 민원 요약"/);
    // Submitting an incomplete draft lists every problem, in Korean, linked to its field.
    res = await officerA.post(`/office/drafts/${id}`, { revision: revisionOf(res.body), intent: 'submit', 'name.ko': '수원시 AI 민원 요약' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /입력 내용을 확인하십시오/);
    assert.match(res.body, /href="#f-summary-ko"/);
    assert.match(res.body, /id="f-summary-ko-error"/);
    assert.match(res.body, /「서비스 요약」을\(를\) 입력하십시오/);
    assert.match(res.body, /href="#f-aiAct-domain"/);
    // Fixed and submitted.
    const form = disclosureForm(aDisclosure({ name: { ko: '수원시 AI 민원 요약' }, outcomes: [{ name: { ko: '요약 건수' }, unit: '건', values: [{ date: '2025-01-31', value: 120 }] }] }));
    res = await officerA.post(`/office/drafts/${id}`, { ...form, revision: revisionOf(res.body), intent: 'submit' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    // The reviewer sees it and returns it with a comment on one item.
    const queue = await reviewer.get('/office/review');
    assert.match(queue.body, /수원시 AI 민원 요약/);
    res = await reviewer.post(`/office/review/${id}/return`, { item: 'purpose.ko', comment: '도입 배경을 더 구체적으로 적어 주십시오.' });
    assert.equal(res.statusCode, 303);
    // The officer sees the comment next to the item, fixes and resubmits.
    page = await officerA.get(`/office/drafts/${id}`);
    assert.match(page.body, /보완 요청됨/);
    assert.match(page.body, /도입 배경을 더 구체적으로/);
    res = await officerA.post(`/office/drafts/${id}`, { ...form, 'purpose.ko': '민원 처리 시간이 길어 요약 AI를 도입했습니다. 배경: 2024년 민원 30% 증가.', revision: revisionOf(page.body), intent: 'submit' });
    assert.equal(res.statusCode, 303);
    // Published: a public id, the public page, the API.
    res = await reviewer.post(`/office/review/${id}/publish`, {});
    assert.equal(res.statusCode, 303);
    const location = res.headers.location as string;
    assert.match(location, /^\/services\/GG-\d{4}-\d{4}$/);
    const publicPage = await app.inject({ url: location, headers: { accept: 'text/html' } });
    assert.match(publicPage.body, /배경: 2024년 민원 30% 증가/);
    const events = await sql<{ action: string }>`select action from audit_log where entity = 'draft' and entity_id = ${String(id)} order by id`.execute(database.db);
    assert.deepEqual(events.rows.map((e) => e.action), ['draft.create', 'draft.save', 'draft.save', 'draft.save', 'draft.submit', 'draft.return', 'draft.save', 'draft.submit', 'draft.publish']);
  });

  test('a change proposal needs a reason and becomes version 2; discontinuation keeps history', async () => {
    const dash = await officerA.get('/office');
    const publicId = /\/office\/services\/(GG-\d{4}-\d{4})\/change/.exec(dash.body)![1];
    let res = await officerA.post(`/office/services/${publicId}/change`, {});
    const id = Number(/\/office\/drafts\/(\d+)/.exec(res.headers.location as string)![1]);
    let page = await officerA.get(`/office/drafts/${id}`);
    assert.match(page.body, /변경 사유/);
    const current = (await app.inject(`/api/v1/services/${publicId}`)).json().disclosure;
    res = await officerA.post(`/office/drafts/${id}`, { ...disclosureForm({ ...current, effects: { ko: '처리 시간 40% 단축' } }), revision: revisionOf(page.body), intent: 'submit' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /변경 사유/);
    res = await officerA.post(`/office/drafts/${id}`, { ...disclosureForm({ ...current, effects: { ko: '처리 시간 40% 단축' } }), changeReason: '성과 갱신', revision: revisionOf(res.body), intent: 'submit' });
    assert.equal(res.statusCode, 303);
    assert.equal((await reviewer.post(`/office/review/${id}/publish`, {})).statusCode, 303);
    const versions = (await app.inject(`/api/v1/services/${publicId}/versions`)).json().items;
    assert.deepEqual(versions.map((v: any) => v.version), [2, 1]);
    assert.equal(versions[0].changeReason, '성과 갱신');

    res = await officerA.post(`/office/services/${publicId}/discontinue`, { endDate: '2026-06-30', changeReason: '사업 종료' });
    const did = Number(/\/office\/drafts\/(\d+)/.exec(res.headers.location as string)![1]);
    page = await officerA.get(`/office/drafts/${did}`);
    res = await officerA.post(`/office/drafts/${did}`, { ...disclosureForm({ ...current, effects: { ko: '처리 시간 40% 단축' }, status: 'discontinued', endDate: '2026-06-30' }), changeReason: '사업 종료', revision: revisionOf(page.body), intent: 'submit' });
    assert.equal(res.statusCode, 303);
    assert.equal((await reviewer.post(`/office/review/${did}/publish`, {})).statusCode, 303);
    const s = (await app.inject(`/api/v1/services/${publicId}`)).json();
    assert.equal(s.disclosure.status, 'discontinued');
    assert.equal(s.version, 3);
  });
});

describe('tenant isolation: another body’s record is a 404 on every path', () => {
  test('HTML editor, preview, save, submit, propose change, discontinue', async () => {
    const id = await newDraft(officerA);
    for (const url of [`/office/drafts/${id}`, `/office/drafts/${id}/preview`]) assert.equal((await officerB.get(url)).statusCode, 404, url);
    assert.equal((await officerB.post(`/office/drafts/${id}`, { revision: '1', intent: 'save', 'name.ko': 'hijack' })).statusCode, 404);
    assert.equal((await officerB.post(`/office/drafts/${id}`, { revision: '1', intent: 'submit' })).statusCode, 404);
    assert.equal((await officerB.post('/office/services/GG-2025-0001/change', {})).statusCode, 404); // GG-WELFARE's
    assert.equal((await officerB.get('/office/services/GG-2025-0001/discontinue')).statusCode, 404);
    assert.equal((await officerB.post('/office/services/GG-2025-0001/discontinue', { endDate: '2026-01-01', changeReason: 'x' })).statusCode, 404);
    const page = await officerA.get(`/office/drafts/${id}`);
    assert.doesNotMatch(page.body, /hijack/);
  });

  test('officers cannot review or publish', async () => {
    const id = await newDraft(officerA);
    assert.equal((await officerA.get('/office/review')).statusCode, 403);
    assert.equal((await officerA.post(`/office/review/${id}/publish`, {})).statusCode, 403);
  });
});

describe('security', () => {
  test('every state-changing form refuses a missing or wrong CSRF token and changes nothing', async () => {
    const id = await newDraft(officerA);
    const before = await sql<{ n: number }>`select count(*)::int as n from drafts`.execute(database.db);
    for (const [url, form] of [['/office/drafts', {}], [`/office/drafts/${id}`, { revision: '1', intent: 'save', 'name.ko': 'x' }], ['/office/logout', {}], ['/office/services/GG-2025-0001/change', {}]] as const) {
      assert.equal((await officerA.post(url, form, { csrf: null })).statusCode, 403, url);
      assert.equal((await officerA.post(url, form, { csrf: 'forged-token-forged-token-forged' })).statusCode, 403, url);
    }
    assert.equal((await reviewer.post(`/office/review/${id}/publish`, {}, { csrf: null })).statusCode, 403);
    const afterCount = await sql<{ n: number }>`select count(*)::int as n from drafts`.execute(database.db);
    assert.equal(afterCount.rows[0].n, before.rows[0].n);
  });

  test('login rotates the session: a planted session id is never adopted', async () => {
    const acct = await anAccount(database.db, 'officer', '41110');
    const page = await app.inject({ url: '/office/login', headers: { cookie: 'sid=attacker-chosen-id-000000000000000' } });
    const pcsrf = page.cookies.find((c) => c.name === 'pcsrf')!.value;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    const res = await app.inject({ method: 'POST', url: '/office/login', headers: { cookie: `sid=attacker-chosen-id-000000000000000; pcsrf=${pcsrf}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: `email=${encodeURIComponent(acct.email)}&password=${encodeURIComponent('correct horse battery staple')}&_csrf=${csrf}` });
    const sid = res.cookies.find((c) => c.name === 'sid')!;
    assert.notEqual(sid.value, 'attacker-chosen-id-000000000000000');
    assert.equal(sid.httpOnly, true);
    assert.equal(sid.sameSite, 'Lax');
    const stored = await sql<{ id_hash: string }>`select id_hash from sessions`.execute(database.db);
    assert.ok(stored.rows.every((r) => r.id_hash !== sid.value && /^[0-9a-f]{64}$/.test(r.id_hash)), 'only hashes are stored');
    assert.equal((await app.inject({ url: '/office', headers: { accept: 'text/html', cookie: 'sid=attacker-chosen-id-000000000000000' } })).statusCode, 303);
  });

  test('repeated failed logins lock the account and are audited', async () => {
    const acct = await anAccount(database.db, 'officer', '41150');
    for (let i = 0; i < 5; i++) await assert.rejects(signIn(app, acct.email, 'wrong password 123'), /login failed: 401/);
    await assert.rejects(signIn(app, acct.email), /login failed: 423/);
    const failures = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'login.failure' and actor_id = ${acct.id}`.execute(database.db);
    assert.equal(failures.rows[0].n, 6);
  });

  test('logout ends the session', async () => {
    const acct = await anAccount(database.db, 'reviewer');
    const s = await signIn(app, acct.email);
    assert.equal((await s.post('/office/logout', {})).statusCode, 303);
    assert.equal((await s.get('/office')).statusCode, 303);
  });
});

describe('concurrency', () => {
  test('two saves of the same revision: exactly one wins, the other gets a conflict and keeps its input', async () => {
    const id = await newDraft(officerA);
    const rev = revisionOf((await officerA.get(`/office/drafts/${id}`)).body);
    const [a, b] = await Promise.all([
      officerA.post(`/office/drafts/${id}`, { revision: rev, intent: 'save', 'name.ko': '첫 번째 편집' }),
      officerA.post(`/office/drafts/${id}`, { revision: rev, intent: 'save', 'name.ko': '두 번째 편집' }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    assert.match(loser.body, /다른 사용자가 이 초안을 먼저 저장했습니다/);
    assert.match(loser.body, a.statusCode === 409 ? /첫 번째 편집/ : /두 번째 편집/);
  });

  test('two simultaneous publishes: one version, and a clear message for the other', async () => {
    const id = await newDraft(officerA);
    const rev = revisionOf((await officerA.get(`/office/drafts/${id}`)).body);
    await officerA.post(`/office/drafts/${id}`, { ...disclosureForm(aDisclosure({ name: { ko: '동시 게시 테스트' } })), revision: rev, intent: 'submit' });
    const other = await signIn(app, (await anAccount(database.db, 'reviewer')).email);
    const [x, y] = await Promise.all([reviewer.post(`/office/review/${id}/publish`, {}), other.post(`/office/review/${id}/publish`, {})]);
    assert.deepEqual([x.statusCode, y.statusCode].sort(), [303, 409]);
    assert.match((x.statusCode === 409 ? x : y).body, /이미 게시된 초안입니다/);
    const n = await sql<{ n: number }>`select count(*)::int as n from service_search where name = '동시 게시 테스트'`.execute(database.db);
    assert.equal(n.rows[0].n, 1);
  });
});
