import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { anAccount, PASSWORD, signIn } from '../../../test/support/accounts.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { buildApp } from '../../app.tsx';
import { audit } from '../audit/audit.repository.ts';
import { findAccountByEmail } from '../accounts/accounts.repository.ts';
import { kst } from '../accounts/views/fields.tsx';

let database: Database;
let app: FastifyInstance;
let admin: Awaited<ReturnType<typeof signIn>>;
let adminId: number;

before(async () => {
  database = await testDatabase({ demo: true });
  app = await buildApp({ db: database.db });
  const a = await anAccount(database.db, 'admin');
  adminId = a.id;
  admin = await signIn(app, a.email);
});
after(async () => { await app.close(); await database.close(); });

const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(database.db)).rows[0].n;
const accountState = async (id: number) => (await sql<{ role: string; disabled: boolean; body_id: number | null }>`select role, disabled, body_id from accounts where id = ${id}`.execute(database.db)).rows[0];
const uniqueEmail = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}@example.go.kr`;

describe('accounts', () => {
  test('an administrator creates an officer account, and the officer can sign in', async () => {
    const page = await admin.get('/office/admin/accounts');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>계정 관리<\/h1>/);
    assert.match(page.body, /<option value="41110"[^>]*>수원시 \(41110\)<\/option>/);
    assert.match(page.body, /<option value="GG-WELFARE"[^>]*>/);
    assert.match(page.body, /admin@demo\.gg\.go\.kr/, 'the demo accounts exist on a demo database');
    const email = uniqueEmail('new-officer');
    const res = await admin.post('/office/admin/accounts', { email, name: '김수원', role: 'officer', body: '41110', password: 'initial password 2026' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.match(res.headers.location as string, /^\/office\/admin\/accounts\/\d+\?done=created$/);
    const detail = await admin.get(res.headers.location as string);
    assert.match(detail.body, /계정을 만들었습니다/);
    assert.match(detail.body, /김수원/);
    const officer = await signIn(app, email, 'initial password 2026');
    const dash = await officer.get('/office');
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /수원시/);
    const created = await findAccountByEmail(database.db, email);
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'account.create' and actor_id = ${adminId} and entity_id = ${String(created!.id)}`), 1);
  });

  test('the create form lists every problem next to its field, keeps the input, in Korean or English', async () => {
    const before = await count(sql`select count(*)::int as n from accounts`);
    let res = await admin.post('/office/admin/accounts', { email: 'not-an-email', name: '', role: 'officer', body: '41110', password: 'short' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /입력 내용을 확인하십시오 \(3건\)/);
    assert.match(res.body, /href="#f-email"/);
    assert.match(res.body, /id="f-email-error"[^>]*>「전자우편」의 형식이 올바르지 않습니다/);
    assert.match(res.body, /id="f-name-error"[^>]*>「이름」을\(를\) 입력하십시오/);
    assert.match(res.body, /id="f-password-error"[^>]*>「초기 비밀번호 \(12자 이상\)」은\(는\) 12 이상이어야 합니다/);
    assert.match(res.body, /value="not-an-email"/);
    assert.doesNotMatch(res.body, /value="short"/, 'a password is never sent back');
    res = await admin.post('/office/admin/accounts', { email: uniqueEmail('nobody'), name: '기관 없음', role: 'officer', body: '', password: 'initial password 2026' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-body-error"[^>]*>등록 담당자는 소속 기관을 지정해야 합니다/);
    res = await admin.post('/office/admin/accounts', { email: 'admin@demo.gg.go.kr', name: '중복', role: 'admin', body: '', password: 'initial password 2026' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /이미 등록된 전자우편입니다/);
    res = await admin.post('/office/admin/accounts?lang=en', { email: 'not-an-email', name: 'x', role: 'officer', body: '41110', password: 'initial password 2026' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Please check the form \(1\)/);
    assert.match(res.body, /Email has an invalid format/);
    assert.equal(await count(sql`select count(*)::int as n from accounts`), before);
  });

  test('a disabled account cannot sign in and its open session stops working; enabling restores it', async () => {
    const acct = await anAccount(database.db, 'officer', '41110');
    const s = await signIn(app, acct.email);
    assert.equal((await s.get('/office')).statusCode, 200);
    const res = await admin.post(`/office/admin/accounts/${acct.id}/disable`, {});
    assert.equal(res.statusCode, 303);
    assert.match((await admin.get(res.headers.location as string)).body, /계정을 비활성화했습니다[\s\S]*비활성/);
    assert.equal((await s.get('/office')).statusCode, 303, 'open session ended');
    await assert.rejects(signIn(app, acct.email), /login failed: 401/);
    assert.equal(await count(sql`select count(*)::int as n from sessions where account_id = ${acct.id}`), 0);
    assert.equal((await admin.post(`/office/admin/accounts/${acct.id}/enable`, {})).statusCode, 303);
    await signIn(app, acct.email);
    assert.deepEqual((await sql<{ action: string }>`select action from audit_log where entity = 'account' and entity_id = ${String(acct.id)} and action <> 'account.create' order by id`.execute(database.db)).rows.map((r) => r.action), ['account.disable', 'account.enable']);
  });

  test('a role change ends the account’s sessions; the new role applies from the next sign-in', async () => {
    const acct = await anAccount(database.db, 'officer', '41130');
    const s = await signIn(app, acct.email);
    assert.equal((await s.get('/office/review')).statusCode, 403);
    let res = await admin.post(`/office/admin/accounts/${acct.id}`, { role: 'reviewer', body: '' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal((await s.get('/office')).statusCode, 303, 'session ended');
    const again = await signIn(app, acct.email);
    assert.equal((await again.get('/office/review')).statusCode, 200);
    assert.deepEqual(await accountState(acct.id), { role: 'reviewer', disabled: false, body_id: null });
    // Back to officer without a body: refused next to the field, nothing changes, sessions stay.
    res = await admin.post(`/office/admin/accounts/${acct.id}`, { role: 'officer', body: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-body-error"[^>]*>등록 담당자는 소속 기관을 지정해야 합니다/);
    assert.equal((await accountState(acct.id)).role, 'reviewer');
    assert.equal((await again.get('/office')).statusCode, 200);
    res = await admin.post(`/office/admin/accounts/${acct.id}`, { role: 'officer', body: 'GG-WELFARE' });
    assert.equal(res.statusCode, 303);
    assert.equal((await again.get('/office')).statusCode, 303);
    assert.match((await admin.get(`/office/admin/accounts/${acct.id}`)).body, /경기도 복지국 \(GG-WELFARE\)/);
  });

  test('unlocking ends a lock after repeated failures', async () => {
    const acct = await anAccount(database.db, 'reviewer');
    for (let i = 0; i < 5; i++) await assert.rejects(signIn(app, acct.email, 'wrong password 123'), /login failed: 401/);
    await assert.rejects(signIn(app, acct.email), /login failed: 423/);
    const page = await admin.get(`/office/admin/accounts/${acct.id}`);
    assert.match(page.body, /잠김/);
    assert.match(page.body, /action="\/office\/admin\/accounts\/\d+\/unlock"/);
    assert.equal((await admin.post(`/office/admin/accounts/${acct.id}/unlock`, {})).statusCode, 303);
    await signIn(app, acct.email);
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'account.unlock' and entity_id = ${String(acct.id)}`), 1);
  });

  test('administrators cannot disable or demote themselves', async () => {
    let res = await admin.post(`/office/admin/accounts/${adminId}/disable`, {});
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /자기 자신의 관리자 권한을 해제하거나 계정을 비활성화할 수 없습니다/);
    res = await admin.post(`/office/admin/accounts/${adminId}`, { role: 'reviewer', body: '' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(await accountState(adminId), { role: 'admin', disabled: false, body_id: null });
    assert.equal((await admin.get('/office/admin/accounts')).statusCode, 200);
  });
});

describe('access control', () => {
  test('non-administrators get 403 (an HTML error page) on every admin page and POST, and nothing changes', async () => {
    const target = await anAccount(database.db, 'officer', '41110');
    const others = [await signIn(app, (await anAccount(database.db, 'officer', '41110')).email), await signIn(app, (await anAccount(database.db, 'reviewer')).email)];
    const accountsBefore = await count(sql`select count(*)::int as n from accounts`);
    for (const s of others) {
      for (const url of ['/office/admin/accounts', `/office/admin/accounts/${target.id}`, '/office/admin/audit', '/office/admin/audit?action=login', '/office/admin/audit.csv']) {
        const res = await s.get(url);
        assert.equal(res.statusCode, 403, url);
        assert.match(res.headers['content-type'] as string, /text\/html/);
        assert.match(res.body, /이 작업을 할 권한이 없습니다/);
      }
      const posts: [string, Record<string, string>][] = [
        ['/office/admin/accounts', { email: uniqueEmail('sneaky'), name: 'x', role: 'admin', body: '', password: 'initial password 2026' }],
        [`/office/admin/accounts/${target.id}`, { role: 'admin', body: '' }],
        [`/office/admin/accounts/${target.id}/disable`, {}],
        [`/office/admin/accounts/${target.id}/enable`, {}],
        [`/office/admin/accounts/${target.id}/unlock`, {}],
      ];
      for (const [url, form] of posts) assert.equal((await s.post(url, form)).statusCode, 403, url);
    }
    assert.equal(await count(sql`select count(*)::int as n from accounts`), accountsBefore);
    assert.deepEqual(await accountState(target.id), { role: 'officer', disabled: false, body_id: (await accountState(target.id)).body_id });
    assert.equal((await accountState(target.id)).role, 'officer');
    const anonymous = await app.inject({ url: '/office/admin/accounts', headers: { accept: 'text/html' } });
    assert.equal(anonymous.statusCode, 303);
    assert.match(anonymous.headers.location as string, /^\/office\/login\?next=/);
  });

  test('CSRF: administrator POSTs without the token get 403 and change nothing', async () => {
    const target = await anAccount(database.db, 'officer', '41110');
    const email = uniqueEmail('csrf');
    const posts: [string, Record<string, string>][] = [
      ['/office/admin/accounts', { email, name: 'x', role: 'admin', body: '', password: 'initial password 2026' }],
      [`/office/admin/accounts/${target.id}`, { role: 'admin', body: '' }],
      [`/office/admin/accounts/${target.id}/disable`, {}],
      [`/office/admin/accounts/${target.id}/unlock`, {}],
    ];
    for (const [url, form] of posts) {
      assert.equal((await admin.post(url, form, { csrf: null })).statusCode, 403, url);
      assert.equal((await admin.post(url, form, { csrf: 'forged-token-forged-token-forged' })).statusCode, 403, url);
    }
    assert.equal(await findAccountByEmail(database.db, email), undefined);
    const state = await accountState(target.id);
    assert.equal(state.role, 'officer');
    assert.equal(state.disabled, false);
  });

  test('XSS: a hostile account name is shown escaped', async () => {
    const email = uniqueEmail('xss');
    const res = await admin.post('/office/admin/accounts', { email, name: '"><script>alert(1)</script>', role: 'reviewer', body: '', password: 'initial password 2026' });
    assert.equal(res.statusCode, 303);
    const own = await signIn(app, email, 'initial password 2026');
    const pages = [await admin.get('/office/admin/accounts'), await admin.get(res.headers.location as string), await own.get('/office/account')];
    for (const page of pages) {
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes('<script>alert(1)'), 'no live script element');
      assert.ok(/&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/.test(page.body), 'the name is shown, escaped');
    }
  });
});

describe('audit log', () => {
  let officerEmail: string;
  let draftId: number;
  const today = kst(new Date()).slice(0, 10);
  const rows = (html: string) => [...html.matchAll(/<td><code>([a-z_.]+)<\/code>/g)].map((m) => m[1]);

  before(async () => {
    const acct = await anAccount(database.db, 'officer', '41110');
    officerEmail = acct.email;
    await assert.rejects(signIn(app, officerEmail, 'wrong password 123'));
    const officer = await signIn(app, officerEmail);
    const res = await officer.post('/office/drafts', {});
    draftId = Number(/\/office\/drafts\/(\d+)/.exec(res.headers.location as string)![1]);
  });

  test('shows who, when, what, which entity and from where; filters by action, actor, body and dates', async () => {
    let page = await admin.get('/office/admin/audit');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>감사 기록<\/h1>/);
    for (const action of ['login.success', 'login.failure', 'draft.create']) assert.ok(rows(page.body).includes(action), action);
    assert.match(page.body, /127\.0\.0\.1/);
    assert.ok(page.body.includes(kst(new Date()).slice(0, 13)), 'times in KST');

    page = await admin.get('/office/admin/audit?action=login.failure');
    assert.ok(rows(page.body).length > 0);
    assert.ok(rows(page.body).every((a) => a === 'login.failure'));
    assert.match(page.body, /value="login.failure"/);

    page = await admin.get(`/office/admin/audit?actor=${encodeURIComponent(officerEmail)}`);
    assert.deepEqual([...new Set(rows(page.body))].sort(), ['draft.create', 'login.failure', 'login.success']);
    assert.ok(page.body.includes(officerEmail));

    page = await admin.get(`/office/admin/audit?action=draft&body=41110&from=${today}&to=${today}`);
    assert.ok(rows(page.body).includes('draft.create'));
    assert.ok(rows(page.body).every((a) => a.startsWith('draft.')));
    assert.match(page.body, new RegExp(`draft #${draftId}`));

    page = await admin.get('/office/admin/audit?action=draft&body=41130');
    assert.ok(!page.body.includes(`draft #${draftId}`));

    page = await admin.get('/office/admin/audit?from=2000-01-01&to=2000-01-31');
    assert.match(page.body, /조건에 맞는 기록이 없습니다/);
  });

  test('bad filters are named next to their fields with 400', async () => {
    let page = await admin.get('/office/admin/audit?from=2026-13-45&body=NOPE');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /href="#f-from"/);
    assert.match(page.body, /id="f-from-error"[^>]*>「시작일」의 형식이 올바르지 않습니다/);
    assert.match(page.body, /id="f-body-error"[^>]*>「기관코드」 NOPE 인 기관이 없습니다/);
    page = await admin.get('/office/admin/audit?from=2026-02-01&to=2026-01-01&lang=en');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /The end date cannot be before the start date/);
    assert.equal((await admin.get('/office/admin/audit.csv?from=yesterday')).statusCode, 400);
  });

  test('pages of 50, with the filter kept in the links', async () => {
    for (let i = 0; i < 60; i++) await audit(database.db, { action: 'test.paging', actorLabel: 'paging-test', details: { i } });
    let page = await admin.get('/office/admin/audit?action=test.paging');
    assert.equal(rows(page.body).length, 50);
    assert.match(page.body, /기록 60건 중 1–50/);
    assert.ok(page.body.includes('href="/office/admin/audit?action=test.paging&page=2" rel="next"'), 'next page keeps the filter');
    assert.ok(page.body.indexOf('&#34;i&#34;:59') < page.body.indexOf('&#34;i&#34;:58'), 'newest first');
    page = await admin.get('/office/admin/audit?action=test.paging&page=2');
    assert.equal(rows(page.body).length, 10);
    assert.match(page.body, /기록 60건 중 51–60/);
    assert.match(page.body, /rel="prev"/);
  });

  test('CSV export: UTF-8 with BOM, same filter, formula-safe, and itself audited', async () => {
    await assert.rejects(signIn(app, '=HYPERLINK("http://evil")', 'whatever password'));
    const before = await count(sql`select count(*)::int as n from audit_log where action = 'export.audit' and actor_id = ${adminId}`);
    const res = await admin.get('/office/admin/audit.csv?action=login');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
    assert.match(res.headers['content-disposition'] as string, /attachment; filename="gg-ai-registry-audit-\d{4}-\d{2}-\d{2}\.csv"/);
    assert.equal(res.rawPayload[0], 0xef);
    assert.equal(res.rawPayload[1], 0xbb);
    assert.equal(res.rawPayload[2], 0xbf);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'id,at_kst,actor,action,entity,entity_id,body,ip,details');
    assert.ok(lines.length > 3);
    assert.ok(lines.slice(1).every((l) => /,login\.(success|failure),/.test(l)), 'only the filtered actions');
    assert.ok(lines.some((l) => l.includes(officerEmail)));
    assert.ok(lines.some((l) => l.includes(`"'=hyperlink(""http://evil"")"`)), 'a typed formula is neutralised');
    const ids = lines.slice(1).map((l) => Number(l.split(',')[0]));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'export.audit' and actor_id = ${adminId}`), before + 1);
  });

  test('the audit log is append-only: UPDATE and DELETE are refused by the database', async () => {
    const n = await count(sql`select count(*)::int as n from audit_log`);
    await assert.rejects(sql`update audit_log set action = 'tampered'`.execute(database.db), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(database.db), /append-only/);
    assert.equal(await count(sql`select count(*)::int as n from audit_log`), n);
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'tampered'`), 0);
  });

  test('bulk exports by a signed-in administrator are audited; anonymous and officer downloads are not', async () => {
    const exports = () => count(sql`select count(*)::int as n from audit_log where action like 'export.%' and action <> 'export.audit'`);
    const before = await exports();
    for (const format of ['csv', 'json', 'xlsx']) {
      assert.equal((await app.inject({ url: `/api/v1/export.${format}` })).statusCode, 200);
    }
    const officer = await signIn(app, officerEmail);
    assert.equal((await officer.get('/api/v1/export.csv')).statusCode, 200);
    assert.equal(await exports(), before);
    for (const format of ['csv', 'json', 'xlsx']) {
      assert.equal((await admin.get(`/api/v1/export.${format}`)).statusCode, 200);
    }
    const events = await sql<{ action: string; actor_id: number; ip: string }>`select action, actor_id, ip from audit_log where action in ('export.csv', 'export.json', 'export.xlsx') order by id`.execute(database.db);
    assert.deepEqual(events.rows.map((e) => [e.action, e.actor_id, e.ip]), [['export.csv', adminId, '127.0.0.1'], ['export.json', adminId, '127.0.0.1'], ['export.xlsx', adminId, '127.0.0.1']]);
    const page = await admin.get('/office/admin/audit?action=export');
    assert.ok(rows(page.body).includes('export.xlsx'));
    assert.match(page.body, /전체 자료 내려받기 \(XLSX\)/);
  });
});

describe('command line', () => {
  test('create-account makes an account in the embedded database; a second run with the same email fails with exit 1 in Korean', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-cli-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, DEMO_DATA: '0' };
    delete env.DATABASE_URL;
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'create-account', ...args], { env, encoding: 'utf8', timeout: 180_000 });
    const args = ['--email', 'Kim.Officer@Example.go.kr', '--name', '김담당', '--role', 'officer', '--body', '41110', '--password', PASSWORD];
    try {
      let r = run(...args);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /계정을 만들었습니다/);
      r = run(...args);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /이미 등록된 전자우편입니다/);
      assert.match(r.stderr, /already has an account/);
      r = run('--email', 'no-body@example.go.kr', '--name', '기관 없음', '--role', 'officer', '--password', PASSWORD);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /등록 담당자는 소속 기관을 지정해야 합니다/);
      const embedded = await openDatabase({ databaseUrl: undefined, dataDir: dir });
      try {
        const account = await findAccountByEmail(embedded.db, 'kim.officer@example.go.kr');
        assert.equal(account?.role, 'officer');
        assert.equal(await findAccountByEmail(embedded.db, 'no-body@example.go.kr'), undefined);
      } finally {
        await embedded.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
