import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { anAccount, PASSWORD, signIn } from '../../../test/support/accounts.ts';
import { testApp } from '../../../test/support/app.ts';

const { database, app } = await testApp({ demo: true });

const NEW_PASSWORD = 'a brand new passphrase 2026';

describe('my account', () => {
  test('shows who I am; signed-out visitors are sent to the login page', async () => {
    const acct = await anAccount(database.db, 'officer', '41110');
    const s = await signIn(app, acct.email);
    const page = await s.get('/office/account');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>내 계정<\/h1>/);
    assert.ok(page.body.includes(acct.email));
    assert.match(page.body, /등록 담당자/);
    assert.match(page.body, /수원시 \(41110\)/);
    assert.match(page.body, /name="_csrf"/);
    assert.match(page.body, /aria-current="page"[^>]*>내 계정|href="\/office\/account" aria-current="page"/);
    const en = await s.get('/office/account?lang=en');
    assert.match(en.body, /<h1>My account<\/h1>/);
    const anonymous = await app.inject({ url: '/office/account', headers: { accept: 'text/html' } });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/office/login?next=%2Foffice%2Faccount');
    const post = await app.inject({ method: 'POST', url: '/office/account/tokens', headers: { 'content-type': 'application/json' }, payload: { name: 'x' } });
    assert.equal(post.statusCode, 403, 'no session, no CSRF token');
  });
});

describe('password change', () => {
  test('works, ends the other sessions and retires the old password', async () => {
    const acct = await anAccount(database.db, 'reviewer');
    const here = await signIn(app, acct.email);
    const elsewhere = await signIn(app, acct.email);
    const res = await here.post('/office/account/password', { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, '/office/account?done=password');
    const page = await here.get('/office/account?done=password');
    assert.equal(page.statusCode, 200, 'this browser stays signed in');
    assert.match(page.body, /비밀번호를 바꾸었습니다/);
    assert.equal((await elsewhere.get('/office')).statusCode, 303, 'the other session ended');
    await assert.rejects(signIn(app, acct.email, PASSWORD), /login failed: 401/);
    await signIn(app, acct.email, NEW_PASSWORD);
    const events = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'account.password_change' and actor_id = ${acct.id}`.execute(database.db);
    assert.equal(events.rows[0].n, 1);
  });

  test('a short, mismatched or wrongly confirmed password is refused with 400, names the field in Korean and changes nothing', async () => {
    const acct = await anAccount(database.db, 'officer', '41130');
    const s = await signIn(app, acct.email);
    const other = await signIn(app, acct.email);
    const hashBefore = await sql<{ h: string }>`select password_hash as h from accounts where id = ${acct.id}`.execute(database.db);

    let res = await s.post('/office/account/password', { current: PASSWORD, next: 'short', confirm: 'short' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /입력 내용을 확인하십시오/);
    assert.match(res.body, /href="#f-next"/);
    assert.match(res.body, /id="f-next-error"[^>]*>새 비밀번호는 12자 이상이어야 합니다/);
    assert.match(res.body, /aria-invalid="true"/);

    res = await s.post('/office/account/password', { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD + ' typo' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#f-confirm"/);
    assert.match(res.body, /새 비밀번호 확인이 일치하지 않습니다/);

    res = await s.post('/office/account/password', { current: 'not my password at all', next: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-current-error"[^>]*>현재 비밀번호가 올바르지 않습니다/);

    res = await s.post('/office/account/password?lang=en', { current: PASSWORD, next: 'short', confirm: 'short' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /The new password needs at least 12 characters/);

    assert.equal((await s.post('/office/account/password', { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD }, { csrf: null })).statusCode, 403, 'CSRF');

    const hashAfter = await sql<{ h: string }>`select password_hash as h from accounts where id = ${acct.id}`.execute(database.db);
    assert.equal(hashAfter.rows[0].h, hashBefore.rows[0].h);
    assert.equal((await other.get('/office')).statusCode, 200, 'no session ended');
    await signIn(app, acct.email, PASSWORD);
  });
});

describe('API tokens', () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  test('shown once, hashed at rest, act as an officer of their body only, revocable', async () => {
    const a = await anAccount(database.db, 'officer', '41110');
    const b = await anAccount(database.db, 'officer', '41130');
    const officerA = await signIn(app, a.email);
    const officerB = await signIn(app, b.email);

    let res = await officerA.post('/office/account/tokens', { name: '민원시스템 연동' });
    assert.equal(res.statusCode, 200);
    const token = /<code>(ggr_[A-Za-z0-9_-]+)<\/code>/.exec(res.body)?.[1];
    assert.ok(token, 'the new token is on the page');
    assert.match(res.body, /한 번만 보여 드립니다/);
    assert.match(res.body, /민원시스템 연동/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const later = await officerA.get('/office/account');
    assert.ok(!later.body.includes(token), 'never shown again');
    assert.match(later.body, /민원시스템 연동/);
    const stored = await sql<{ token_hash: string }>`select token_hash from api_tokens where account_id = ${a.id}`.execute(database.db);
    assert.equal(stored.rows.length, 1);
    assert.notEqual(stored.rows[0].token_hash, token);
    assert.match(stored.rows[0].token_hash, /^[0-9a-f]{64}$/);

    // A draft of body B, made in the browser.
    res = await officerB.post('/office/drafts', {});
    const draftB = Number(/\/office\/drafts\/(\d+)/.exec(res.headers.location as string)![1]);

    // The token reads and creates drafts of body A only.
    res = await app.inject({ url: '/api/v1/drafts', headers: bearer(token) });
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().items.every((d: any) => d.body === '41110'));
    res = await app.inject({ method: 'POST', url: '/api/v1/drafts', headers: bearer(token), payload: { disclosure: { name: { ko: '토큰으로 만든 초안' } } } });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json();
    assert.equal(created.body, '41110');
    const row = await sql<{ code: string }>`select b.code from drafts d join bodies b on b.id = d.body_id where d.id = ${created.id}`.execute(database.db);
    assert.equal(row.rows[0].code, '41110');
    res = await app.inject({ url: '/api/v1/drafts', headers: bearer(token) });
    assert.ok(res.json().items.some((d: any) => d.id === created.id));
    assert.ok(!res.json().items.some((d: any) => d.id === draftB));

    // Body B's draft does not exist for the token.
    assert.equal((await app.inject({ url: `/api/v1/drafts/${draftB}`, headers: bearer(token) })).statusCode, 404);
    assert.equal((await app.inject({ method: 'PUT', url: `/api/v1/drafts/${draftB}`, headers: bearer(token), payload: { disclosure: { name: { ko: 'hijack' } }, revision: 1 } })).statusCode, 404);
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/drafts/${draftB}/submit`, headers: bearer(token) })).statusCode, 404);
    const b2 = await sql<{ disclosure: any; state: string }>`select disclosure, state from drafts where id = ${draftB}`.execute(database.db);
    assert.equal(b2.rows[0].state, 'draft');
    assert.ok(!JSON.stringify(b2.rows[0].disclosure).includes('hijack'));

    // Another officer cannot revoke it; its owner can, and then it is refused.
    const id = /action="\/office\/account\/tokens\/(\d+)\/revoke"/.exec(later.body)![1];
    assert.equal((await officerB.post(`/office/account/tokens/${id}/revoke`, {})).statusCode, 404);
    assert.equal((await officerA.post(`/office/account/tokens/${id}/revoke`, {}, { csrf: null })).statusCode, 403);
    assert.equal((await app.inject({ url: '/api/v1/drafts', headers: bearer(token) })).statusCode, 200);
    res = await officerA.post(`/office/account/tokens/${id}/revoke`, {});
    assert.equal(res.statusCode, 303);
    assert.match((await officerA.get('/office/account?done=revoked')).body, /폐기됨/);
    res = await app.inject({ url: '/api/v1/drafts', headers: bearer(token) });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'INVALID_TOKEN');
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/drafts', headers: bearer(token), payload: {} })).statusCode, 401);

    const events = await sql<{ action: string }>`select action from audit_log where actor_id = ${a.id} and action like 'token.%' order by id`.execute(database.db);
    assert.deepEqual(events.rows.map((e) => e.action), ['token.create', 'token.revoke']);
  });

  test('a token needs a name and a body; CSRF is required to create one', async () => {
    const a = await anAccount(database.db, 'officer', '41110');
    const officer = await signIn(app, a.email);
    let res = await officer.post('/office/account/tokens', { name: '   ' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-token-name-error"[^>]*>「토큰 이름」을 입력하십시오/);
    assert.equal((await officer.post('/office/account/tokens', { name: 'x' }, { csrf: null })).statusCode, 403);
    const reviewer = await signIn(app, (await anAccount(database.db, 'reviewer')).email);
    const page = await reviewer.get('/office/account');
    assert.match(page.body, /소속 기관이 있는 계정만 만들 수 있습니다/);
    assert.doesNotMatch(page.body, /action="\/office\/account\/tokens"/);
    res = await reviewer.post('/office/account/tokens', { name: 'x' });
    assert.equal(res.statusCode, 400);
    const n = await sql<{ n: number }>`select count(*)::int as n from api_tokens where account_id = ${a.id}`.execute(database.db);
    assert.equal(n.rows[0].n, 0);
  });
});
