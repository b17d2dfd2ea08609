import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { anAccount, csrfFrom, signIn } from '../../../test/support/accounts.ts';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/database.ts';
import { buildApp } from '../../app.tsx';

// Most tests post right after loading the form; one test restores the 3-second minimum.
process.env.QUESTION_MIN_AGE_MS = '0';

const WELFARE = 'GG-2025-0001'; // 경기도 복지국 (GG-WELFARE)
const MEDICAL = 'GG-2025-0002'; // 경기도의료원 (GGI-MEDICAL)

let database: Database;
let app: FastifyInstance;
let welfareOfficer: Awaited<ReturnType<typeof signIn>>;
let medicalOfficer: Awaited<ReturnType<typeof signIn>>;
let reviewer: Awaited<ReturnType<typeof signIn>>;
let admin: Awaited<ReturnType<typeof signIn>>;

before(async () => {
  database = await testDatabase({ demo: true });
  app = await buildApp({ db: database.db });
  welfareOfficer = await signIn(app, (await anAccount(database.db, 'officer', 'GG-WELFARE')).email);
  medicalOfficer = await signIn(app, (await anAccount(database.db, 'officer', 'GGI-MEDICAL')).email);
  reviewer = await signIn(app, (await anAccount(database.db, 'reviewer')).email);
  admin = await signIn(app, (await anAccount(database.db, 'admin')).email);
});
after(async () => { await app.close(); await database.close(); });

let ipCounter = 10;
const nextIp = () => `198.51.100.${ipCounter++}`;

/** A resident's browser: loads the form (pcsrf cookie, _csrf field, signed stamp), then posts it. */
async function visitor(publicId: string, opts: { ip?: string; lang?: 'en' } = {}) {
  const ip = opts.ip ?? nextIp();
  const qs = opts.lang === 'en' ? '?lang=en' : '';
  const page = await app.inject({ url: `/services/${publicId}/ask${qs}`, headers: { accept: 'text/html', 'x-forwarded-for': ip } });
  assert.equal(page.statusCode, 200);
  const pcsrf = page.cookies.find((c) => c.name === 'pcsrf')!.value;
  const stamp = /name="stamp" value="([^"]+)"/.exec(page.body)![1];
  const csrf = csrfFrom(page.body);
  return {
    page,
    send: (form: Record<string, string>, o: { csrf?: string | null; stamp?: string } = {}) => {
      const params = new URLSearchParams({ kind: 'question', homepage_url: '', stamp: o.stamp ?? stamp, ...form });
      if (o.csrf !== null) params.set('_csrf', o.csrf ?? csrf);
      return app.inject({
        method: 'POST', url: `/services/${publicId}/ask${qs}`, payload: params.toString(),
        headers: { accept: 'text/html', cookie: `pcsrf=${pcsrf}`, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      });
    },
  };
}

const count = async () => (await sql<{ n: number }>`select count(*)::int as n from questions`.execute(database.db)).rows[0].n;
const idOf = async (text: string) => (await sql<{ id: number }>`select id from questions where text = ${text}`.execute(database.db)).rows[0]?.id;
const publicPage = (url: string) => app.inject({ url, headers: { accept: 'text/html' } });

describe('asking: a resident sends a question without an account', () => {
  test('the form, the confirmation page, and the owning body’s list (and no other body’s)', async () => {
    const v = await visitor(WELFARE);
    assert.match(v.page.body, /질문하기·오류 신고/);
    assert.match(v.page.body, /name="homepage_url"/);
    assert.equal(v.page.headers['cache-control'], 'no-store');
    const text = '고독사 예측 모델은 어떤 데이터를 씁니까? (테스트 1)';
    const res = await v.send({ kind: 'question', text, name: '홍길동', email: 'Resident@Example.com' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    assert.equal(res.headers.location, `/services/${WELFARE}/ask/sent`);
    const sent = await publicPage(res.headers.location as string);
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /접수되었습니다/);
    assert.match(sent.body, /공개됩니다/);

    const id = await idOf(text);
    assert.ok(id);
    const row = (await sql<{ ip_hash: string; author_email: string; state: string }>`select ip_hash, author_email, state from questions where id = ${id}`.execute(database.db)).rows[0];
    assert.equal(row.state, 'open');
    assert.equal(row.author_email, 'resident@example.com');
    assert.ok(row.ip_hash && !row.ip_hash.includes('198.51.100'), 'only a salted hash of the address is stored');
    const keys = (await sql<{ key: string }>`select key from rate_limits where key like 'question:%'`.execute(database.db)).rows;
    assert.ok(keys.length > 0 && keys.every((k) => !k.key.includes('198.51.100')));
    const events = (await sql<{ action: string; ip: string | null }>`select action, ip from audit_log where entity = 'question' and entity_id = ${String(id)}`.execute(database.db)).rows;
    assert.deepEqual(events, [{ action: 'question.ask', ip: null }]);

    const mine = await welfareOfficer.get('/office/questions');
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /고독사 예측 모델은 어떤 데이터를 씁니까/);
    assert.match(mine.body, /0일/);
    const theirs = await medicalOfficer.get('/office/questions');
    assert.equal(theirs.statusCode, 200);
    assert.doesNotMatch(theirs.body, /고독사 예측 모델은 어떤 데이터를 씁니까/);
    assert.equal((await medicalOfficer.get(`/office/questions/${id}`)).statusCode, 404);
    assert.equal((await medicalOfficer.post(`/office/questions/${id}/answer`, { answer: '가로채기' })).statusCode, 404);
    assert.match((await reviewer.get('/office/questions')).body, /고독사 예측 모델은 어떤 데이터를 씁니까/);
    // Not public until answered.
    assert.doesNotMatch((await publicPage(`/services/${WELFARE}`)).body, /고독사 예측 모델은 어떤 데이터를 씁니까/);
  });

  test('an unknown service has no form', async () => {
    assert.equal((await publicPage('/services/GG-2099-9999/ask')).statusCode, 404);
    assert.equal((await publicPage('/services/nonsense/ask')).statusCode, 404);
  });
});

describe('answering: the answer is public on the service page, escaped, without the sender', () => {
  test('XSS payloads in question and answer are shown as text; name and email never appear', async () => {
    const v = await visitor(WELFARE);
    const text = '<script>alert("q")</script> 질문 & "따옴표"';
    const email = 'secret-person@example.org';
    assert.equal((await v.send({ kind: 'error', text, name: '김비밀', email })).statusCode, 303);
    const id = await idOf(text);
    const page = await welfareOfficer.get(`/office/questions/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /&lt;script>alert/);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /secret-person@example\.org/); // the officer may notify the sender
    // An answer is required.
    let res = await welfareOfficer.post(`/office/questions/${id}/answer`, { answer: '   ' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /「답변」을\(를\) 입력하십시오/);
    assert.match(res.body, /id="q-answer-error"/);
    res = await welfareOfficer.post(`/office/questions/${id}/answer`, { answer: '<img src=x onerror=alert("a")> 고쳤습니다.\n감사합니다.' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/office/questions?done=answered');

    const detail = await publicPage(`/services/${WELFARE}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /도민 질문과 답변/);
    assert.match(detail.body, new RegExp(`href="/services/${WELFARE}/ask"`));
    assert.match(detail.body, /오류 신고 · 답변일 \d{4}-\d{2}-\d{2}/);
    assert.match(detail.body, /&lt;script>alert\(&#34;q&#34;\)&lt;\/script> 질문 &amp; &#34;따옴표&#34;/);
    assert.match(detail.body, /&lt;img src=x onerror=alert\(&#34;a&#34;\)> 고쳤습니다/);
    assert.doesNotMatch(detail.body, /<script>alert|<img src=x/);
    assert.match(detail.body, /고쳤습니다/);
    for (const url of [`/services/${WELFARE}`, `/services/${WELFARE}?lang=en`, `/services/${WELFARE}/ask`, `/services/${WELFARE}/ask/sent`, `/api/v1/services/${WELFARE}`]) {
      const body = (await publicPage(url)).body;
      assert.ok(!body.includes(email) && !body.includes('secret-person'), `no email on ${url}`);
      assert.ok(!body.includes('김비밀'), `no name on ${url}`);
    }
    const en = await publicPage(`/services/${WELFARE}?lang=en`);
    assert.match(en.body, /Questions and answers/);
    assert.match(en.body, /Error report · Answered/);
    const events = (await sql<{ action: string }>`select action from audit_log where entity = 'question' and entity_id = ${String(id)} order by id`.execute(database.db)).rows;
    assert.deepEqual(events.map((e) => e.action), ['question.ask', 'question.answer']);
    // Answered questions move below the unanswered ones and show their answer date.
    const list = await welfareOfficer.get('/office/questions');
    assert.match(list.body, /답변 완료/);
  });

  test('a service without answered questions still offers the form', async () => {
    const detail = await publicPage(`/services/${MEDICAL}`);
    assert.match(detail.body, /아직 답변된 질문이 없습니다/);
    assert.match(detail.body, /질문하기·오류 신고/);
  });
});

describe('spam protection: nothing is stored on any refusal', () => {
  test('a filled honeypot is refused', async () => {
    const before = await count();
    const v = await visitor(WELFARE);
    const res = await v.send({ text: '스팸 광고입니다', homepage_url: 'http://spam.example' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /자동 전송으로 판단되어/);
    assert.match(res.body, /스팸 광고입니다/); // the text comes back as typed
    assert.equal(await count(), before);
  });

  test('a form sent less than 3 seconds after it was rendered, or with a forged stamp, is refused', async () => {
    const before = await count();
    process.env.QUESTION_MIN_AGE_MS = '3000';
    try {
      const v = await visitor(WELFARE);
      const res = await v.send({ text: '너무 빠른 전송' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /너무 빨리 제출되었습니다/);
      // An old stamp with a forged signature does not get around it.
      const forged = await v.send({ text: '위조된 도장' }, { stamp: `${Date.now() - 10_000}.${'A'.repeat(43)}` });
      assert.equal(forged.statusCode, 400);
      assert.match(forged.body, /양식 확인 정보가 올바르지 않습니다/);
    } finally {
      process.env.QUESTION_MIN_AGE_MS = '0';
    }
    const missing = await (await visitor(WELFARE)).send({ text: '도장 없음' }, { stamp: '' });
    assert.equal(missing.statusCode, 400);
    assert.equal(await count(), before);
  });

  test('a stamp for another service is refused', async () => {
    const other = await visitor(MEDICAL);
    const stamp = /name="stamp" value="([^"]+)"/.exec(other.page.body)![1];
    const res = await (await visitor(WELFARE)).send({ text: '다른 서비스 도장' }, { stamp });
    assert.equal(res.statusCode, 400);
  });

  test('rate limit: the sixth question in an hour from one address gets 429 with a Korean message', async () => {
    const ip = nextIp();
    const before = await count();
    for (let i = 1; i <= 5; i++) {
      const res = await (await visitor(MEDICAL, { ip })).send({ text: `연속 질문 ${i}` });
      assert.equal(res.statusCode, 303, `question ${i}`);
    }
    const res = await (await visitor(MEDICAL, { ip })).send({ text: '여섯 번째 질문' });
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /한 시간에 5건까지/);
    assert.match(res.body, /여섯 번째 질문/);
    assert.equal(await count(), before + 5);
    // Another address is not affected.
    assert.equal((await (await visitor(MEDICAL)).send({ text: '다른 주소의 질문' })).statusCode, 303);
  });

  test('more than 3 links are refused', async () => {
    const before = await count();
    const res = await (await visitor(WELFARE)).send({ text: 'http://a.example http://b.example https://c.example www.d.example' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /링크\(URL\)를 3개까지만/);
    assert.equal(await count(), before);
  });

  test('a missing CSRF token is 403', async () => {
    const before = await count();
    const v = await visitor(WELFARE);
    assert.equal((await v.send({ text: 'CSRF 없음' }, { csrf: null })).statusCode, 403);
    assert.equal((await v.send({ text: 'CSRF 위조' }, { csrf: 'forged-token-forged-token-forged' })).statusCode, 403);
    assert.equal(await count(), before);
  });
});

describe('validation: 400 naming the field, in Korean or English', () => {
  test('missing text, too long text, bad email, missing kind', async () => {
    const before = await count();
    let res = await (await visitor(WELFARE)).send({ text: '  ' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /「내용」을\(를\) 입력하십시오/);
    assert.match(res.body, /id="q-text-error"/);
    assert.match(res.body, /href="#q-text"/);

    res = await (await visitor(WELFARE)).send({ text: '가'.repeat(2001) });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /「내용」은\(는\) 2000자 이하여야 합니다/);

    res = await (await visitor(WELFARE)).send({ text: '정상 질문', email: 'not-an-email' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /「전자우편」의 형식이 올바르지 않습니다/);
    assert.match(res.body, /value="not-an-email"/);

    res = await (await visitor(WELFARE)).send({ text: '정상 질문', kind: 'complaint' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /「구분」에서 질문 또는 오류 신고를 선택하십시오/);

    res = await (await visitor(WELFARE, { lang: 'en' })).send({ text: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<html lang="en">/);
    assert.match(res.body, /Text is required/);
    assert.equal(await count(), before);

    // Exactly 2000 characters is accepted.
    assert.equal((await (await visitor(WELFARE)).send({ text: '나'.repeat(2000) })).statusCode, 303);
  });

  test('in English the confirmation keeps the language', async () => {
    const res = await (await visitor(WELFARE, { lang: 'en' })).send({ text: 'What data does the model use?' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/services/${WELFARE}/ask/sent?lang=en`);
    assert.match((await publicPage(res.headers.location as string)).body, /answered|answer/i);
  });
});

describe('back office: hiding and the administrators’ overview', () => {
  test('reviewers and admins hide spam; officers cannot; hidden questions leave lists and cannot be answered', async () => {
    const v = await visitor(WELFARE);
    assert.equal((await v.send({ text: '광고: 싼 물건 팝니다' })).statusCode, 303);
    const id = await idOf('광고: 싼 물건 팝니다');
    assert.equal((await welfareOfficer.post(`/office/questions/${id}/hide`, {})).statusCode, 403);
    assert.equal((await reviewer.post(`/office/questions/${id}/hide`, {}, { csrf: null })).statusCode, 403);
    const res = await reviewer.post(`/office/questions/${id}/hide`, {});
    assert.equal(res.statusCode, 303);
    assert.doesNotMatch((await welfareOfficer.get('/office/questions')).body, /싼 물건/);
    assert.match((await reviewer.get('/office/questions?state=hidden')).body, /싼 물건/);
    const answer = await welfareOfficer.post(`/office/questions/${id}/answer`, { answer: '답변' });
    assert.equal(answer.statusCode, 409);
    assert.match(answer.body, /숨긴 질문에는 답변할 수 없습니다/);
    assert.doesNotMatch((await publicPage(`/services/${WELFARE}`)).body, /싼 물건/);
    const events = (await sql<{ action: string }>`select action from audit_log where entity = 'question' and entity_id = ${String(id)} order by id`.execute(database.db)).rows;
    assert.deepEqual(events.map((e) => e.action), ['question.ask', 'question.hide']);
  });

  test('the overview lists unanswered questions per body with the oldest age; admins only', async () => {
    const v = await visitor(MEDICAL);
    assert.equal((await v.send({ text: '오래 기다린 질문' })).statusCode, 303);
    await sql`update questions set created_at = now() - interval '12 days' where text = '오래 기다린 질문'`.execute(database.db);
    const page = await admin.get('/office/admin/questions');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /기관별 미답변 질문/);
    const rows = [...page.body.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>(\d+)건<\/td><td>[\d-]+<\/td><td>(\d+)일<\/td><\/tr>/g)].map((m) => ({ body: m[1], open: Number(m[2]), days: Number(m[3]) }));
    const medical = rows.find((r) => r.body === '경기도의료원');
    const welfare = rows.find((r) => r.body === '경기도 복지국');
    assert.ok(medical && welfare, page.body.slice(0, 200));
    assert.equal(medical.days, 12);
    assert.ok(medical.open >= 1);
    assert.equal(welfare.days, 0);
    assert.equal(rows[0].body, '경기도의료원', 'oldest first by default');
    const asc = await admin.get('/office/admin/questions?sort=age-asc');
    assert.ok(asc.body.indexOf('경기도 복지국') < asc.body.indexOf('경기도의료원'), 'youngest first');
    assert.equal((await reviewer.get('/office/admin/questions')).statusCode, 403);
    assert.equal((await welfareOfficer.get('/office/admin/questions')).statusCode, 403);
    // The officer sees the age in the list, unanswered first.
    const list = await medicalOfficer.get('/office/questions');
    assert.match(list.body, /12일/);
    assert.ok(list.body.indexOf('오래 기다린 질문') < list.body.indexOf('연속 질문 1'), 'longest waiting first');
  });

  test('signed-out visitors are sent to the login page', async () => {
    const res = await publicPage('/office/questions');
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/office\/login/);
  });
});
