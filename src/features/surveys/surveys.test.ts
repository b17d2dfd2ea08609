import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { anAccount, signIn } from '../../../test/support/accounts.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import type { Database } from '../../platform/db/database.ts';
import { buildApp } from '../../app.tsx';
import type { Actor } from '../accounts/actor.ts';
import { publishService } from '../services/services.service.ts';
import { sendOutbox, smtpTransport } from '../mail/mail.ts';
import { queueReminders } from './reminders.ts';
import { reviewStatus } from './reviews.repository.ts';
import { campaignProgress } from './surveys.service.ts';
import { addDays, daysBetween, seoulDate, weekStart } from './dates.ts';
import { surveyConfigFromEnv } from './surveys.config.ts';

type Session = Awaited<ReturnType<typeof signIn>>;

let database: Database;
let app: FastifyInstance;
let admin: Session;
let adminActor: Actor;
const officers: Record<string, Session> = {};
const emails: Record<string, string[]> = {};

// The campaign's calendar (Korean dates); reminders get `now` explicitly, nothing sleeps.
const OPENS = '2026-03-02';
const DEADLINE = '2026-03-31';
const at = (date: string) => new Date(`${date}T09:00:00+09:00`);

// 31 cities and counties plus 9 departments and institutions: 40 bodies.
const SINGLE = ['GG-WELFARE', 'GG-HEALTH', 'GG-AI', 'GGI-MEDICAL', 'GGI-GRI', 'GGI-JOBS', 'GGI-CREDIT', 'GGI-GH', 'GGI-SOCIAL'];

const taskIdOf = async (code: string, campaignId: number) => {
  const r = await sql<{ id: number }>`select t.id from campaign_tasks t join bodies b on b.id = t.body_id where b.code = ${code} and t.campaign_id = ${campaignId}`.execute(database.db);
  return r.rows[0].id;
};

async function officer(code: string) {
  const a = await anAccount(database.db, 'officer', code);
  (emails[code] ??= []).push(a.email.toLowerCase());
  return signIn(app, a.email);
}

async function publish(bodyCode: string, name: string, publishedAt: string, extra: Parameters<typeof aDisclosure>[0] = {}) {
  return publishService(database.db, { bodyCode, disclosure: aDisclosure({ name: { ko: name }, ...extra }), publishedAt: new Date(publishedAt), publishedBy: 'test' });
}

before(async () => {
  database = await testDatabase({ demo: false });
  app = await buildApp({ db: database.db });
  await publish('41110', '수원시 AI 민원 요약', '2025-09-01T10:00:00+09:00');
  await publish('41130', '성남시 AI 안부 전화', '2025-09-01T10:00:00+09:00');
  await publish('41280', '고양시 포트홀 탐지', '2025-09-01T10:00:00+09:00');
  await publish('GG-WELFARE', '복지 사각지대 발굴', '2025-09-01T10:00:00+09:00');
  await publish('GG-WELFARE', '종료된 상담 챗봇', '2025-09-01T10:00:00+09:00', { status: 'discontinued', endDate: '2025-12-31' });
  await publish('GGI-TOUR', '관광 코스 추천 AI', '2024-05-01T10:00:00+09:00'); // not surveyed; its review is long overdue

  const a = await anAccount(database.db, 'admin');
  admin = await signIn(app, a.email);
  adminActor = { id: a.id, email: a.email, name: 'admin', role: 'admin', bodyId: null, bodyCode: null, bodyNameKo: null, via: 'session' };
  officers['41110'] = await officer('41110');
  officers['41110b'] = await officer('41110'); // a body with two officers gets two mails
  for (const code of ['41130', '41290', '41800', '41280', 'GG-WELFARE', 'GGI-TOUR']) officers[code] = await officer(code);
  const disabled = await anAccount(database.db, 'officer', 'GG-WELFARE');
  await sql`update accounts set disabled = true where id = ${disabled.id}`.execute(database.db);
});
after(async () => { await app.close(); await database.close(); });

describe('a survey campaign across 40 bodies', () => {
  let campaignId: number;

  test('only administrators open campaigns; the form lists every problem in Korean', async () => {
    assert.equal((await officers['41110'].get('/office/surveys')).statusCode, 403);
    assert.equal((await officers['41110'].post('/office/surveys', { title: 'x', opensOn: OPENS, deadline: DEADLINE, groups: 'all' })).statusCode, 403);
    const form = await admin.get('/office/surveys/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="groups" value="city_county"/);
    assert.match(form.body, /name="bodies" value="GGI-TOUR"/);
    const bad = await admin.post('/office/surveys', { title: '', opensOn: '2026-03-31', deadline: '2026-03-01' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /「조사 제목」을 입력하십시오/);
    assert.match(bad.body, /「마감일」은 시작일보다 앞설 수 없습니다/);
    assert.match(bad.body, /조사할 기관을 하나 이상 선택하십시오/);
    assert.match(bad.body, /href="#f-title"/);
    assert.equal(Number((await sql<{ n: number }>`select count(*)::int as n from campaigns`.execute(database.db)).rows[0].n), 0);
  });

  test('opening a campaign gives each of the 40 bodies a pending task', async () => {
    const res = await admin.post('/office/surveys', {
      title: '2026년 상반기 AI 서비스 현황 조사', description: '신규 서비스와 변경 사항을 알려 주십시오.', opensOn: OPENS, deadline: DEADLINE,
      groups: ['city_county'], bodies: SINGLE,
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    campaignId = Number(/\/office\/surveys\/(\d+)\?done=created/.exec(res.headers.location as string)![1]);
    const tasks = await sql<{ kind: string; n: number }>`select b.kind, count(*)::int as n from campaign_tasks t join bodies b on b.id = t.body_id where t.campaign_id = ${campaignId} group by b.kind order by b.kind`.execute(database.db);
    assert.deepEqual(Object.fromEntries(tasks.rows.map((r) => [r.kind, Number(r.n)])), { city: 28, county: 3, department: 3, institution: 6 });
    const page = await admin.get(`/office/surveys/${campaignId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /응답 0 \/ 40 기관 \(0%\)/);
    assert.match((await admin.get('/office/surveys')).body, /2026년 상반기 AI 서비스 현황 조사/);
  });

  test('an officer sees only their own body’s task; another body’s task is a 404 everywhere', async () => {
    const list = await officers['41110'].get('/office/surveys/tasks');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /2026년 상반기 AI 서비스 현황 조사/);
    assert.match(list.body, /href="\/office\/surveys\/tasks"[^>]*aria-current="page"[^>]*>조사 응답</);
    const own = await taskIdOf('41110', campaignId);
    const page = await officers['41110'].get(`/office/surveys/tasks/${own}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /수원시 AI 민원 요약/);
    assert.match(page.body, /aria-label="수원시 AI 민원 요약: 변경 없음 확인"/);
    const other = await taskIdOf('41130', campaignId);
    assert.equal((await officers['41110'].get(`/office/surveys/tasks/${other}`)).statusCode, 404);
    for (const [url, form] of [[`/office/surveys/tasks/${other}/confirm`, { service: 'GG-2025-0002' }], [`/office/surveys/tasks/${other}/propose`, { service: 'GG-2025-0002' }], [`/office/surveys/tasks/${other}/answer`, { noNewService: 'yes' }]] as const) {
      assert.equal((await officers['41110'].post(url, form)).statusCode, 404, url);
    }
    // Another body's service through one's own task is not found either.
    assert.equal((await officers['41110'].post(`/office/surveys/tasks/${own}/confirm`, { service: 'GG-2025-0002' })).statusCode, 404);
    const en = await officers['41110'].get(`/office/surveys/tasks/${own}?lang=en`);
    assert.match(en.body, /aria-label="수원시 AI 민원 요약: Confirm no change"/);
    assert.match(en.body, /<label for="f-noNewService"[^>]*>No new AI service/);
    assert.equal((await admin.get('/office/surveys/tasks')).statusCode, 403);
    assert.equal((await admin.get(`/office/surveys/tasks/${own}`)).statusCode, 200, 'administrators read any task');
  });

  test('every state-changing form refuses a missing CSRF token and changes nothing', async () => {
    const own = await taskIdOf('41290', campaignId);
    for (const [session, url, form] of [
      [officers['41290'], `/office/surveys/tasks/${own}/answer`, { noNewService: 'yes' }],
      [officers['41110'], `/office/surveys/tasks/${await taskIdOf('41110', campaignId)}/confirm`, { service: 'GG-2025-0001' }],
      [admin, '/office/surveys', { title: 'x', opensOn: OPENS, deadline: DEADLINE, groups: 'all' }],
      [admin, `/office/surveys/${campaignId}/close`, {}],
    ] as const) {
      assert.equal((await session.post(url, form, { csrf: null })).statusCode, 403, url);
    }
    const state = await sql<{ n: number }>`select count(*)::int as n from campaign_tasks where state = 'answered'`.execute(database.db);
    assert.equal(Number(state.rows[0].n), 0);
    assert.equal(Number((await sql<{ n: number }>`select count(*)::int as n from campaign_confirmations`.execute(database.db)).rows[0].n), 0);
    assert.equal(Number((await sql<{ n: number }>`select count(*)::int as n from campaigns`.execute(database.db)).rows[0].n), 1);
  });

  test('answers: a change proposed, unchanged confirmations, no-service declarations and new services', async () => {
    // 수원시: answering before confirming its service is refused, with the reason next to the list.
    const suwon = await taskIdOf('41110', campaignId);
    let res = await officers['41110'].post(`/office/surveys/tasks/${suwon}/answer`, { noNewService: 'yes' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /공개 서비스 1건을 아직 확인하지 않았습니다: 수원시 AI 민원 요약/);
    res = await officers['41110'].post(`/office/surveys/tasks/${suwon}/propose`, { service: 'GG-2025-0001' });
    assert.equal(res.statusCode, 303);
    const draftId = Number(/\/office\/drafts\/(\d+)$/.exec(res.headers.location as string)![1]);
    const proposal = await sql<{ service_id: number; state: string }>`select service_id, state from drafts where id = ${draftId}`.execute(database.db);
    assert.equal(proposal.rows[0].state, 'draft');
    const confirmation = await sql<{ outcome: string; draft_id: number }>`select outcome, draft_id from campaign_confirmations where task_id = ${suwon}`.execute(database.db);
    assert.deepEqual(confirmation.rows[0], { outcome: 'change_proposed', draft_id: draftId });
    res = await officers['41110'].post(`/office/surveys/tasks/${suwon}/answer`, { noNewService: 'yes', note: '민원 요약 서비스 개선 예정' });
    assert.equal(res.statusCode, 303);

    // 성남시: its service confirmed unchanged (which counts as a review), then no new service.
    const seongnam = await taskIdOf('41130', campaignId);
    res = await officers['41130'].post(`/office/surveys/tasks/${seongnam}/confirm`, { service: 'GG-2025-0002' });
    assert.equal(res.statusCode, 303);
    assert.match((await officers['41130'].get(res.headers.location as string)).body, /「변경 없음」으로 확인했습니다/);
    res = await officers['41130'].post(`/office/surveys/tasks/${seongnam}/answer`, { noNewService: 'yes' });
    assert.equal(res.statusCode, 303);
    const reviews = await sql<{ source: string; campaign_id: number }>`select source, campaign_id from service_reviews r join services s on s.id = r.service_id where s.public_id = 'GG-2025-0002'`.execute(database.db);
    assert.deepEqual(reviews.rows, [{ source: 'campaign', campaign_id: campaignId }]);

    // 과천시 has no service at all: it still answers, but only by ticking the explicit declaration.
    const gwacheon = await taskIdOf('41290', campaignId);
    let page = await officers['41290'].get(`/office/surveys/tasks/${gwacheon}`);
    assert.match(page.body, /이 기관에 공개된 AI 서비스가 없습니다/);
    assert.match(page.body, /<label for="f-noNewService"[^>]*>신규 AI 서비스가 없습니다/);
    res = await officers['41290'].post(`/office/surveys/tasks/${gwacheon}/answer`, { note: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /새 AI 서비스를 등록하거나, 「신규 AI 서비스가 없습니다」를 선택하십시오/);
    assert.match(res.body, /href="#f-noNewService"/);
    res = await officers['41290'].post(`/office/surveys/tasks/${gwacheon}/answer`, { noNewService: 'yes' });
    assert.equal(res.statusCode, 303);
    page = await officers['41290'].get(res.headers.location as string);
    assert.match(page.body, /응답을 제출했습니다/);
    assert.match(page.body, /신규 서비스 없음/);
    assert.doesNotMatch(page.body, /action="\/office\/surveys\/tasks\/\d+\/answer"/, 'an answered task has no answer form');

    // 연천군 registers a new service through the usual draft flow; then it cannot also declare "none".
    const yeoncheon = await taskIdOf('41800', campaignId);
    assert.equal((await officers['41800'].post('/office/drafts', {})).statusCode, 303);
    res = await officers['41800'].post(`/office/surveys/tasks/${yeoncheon}/answer`, { noNewService: 'yes' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /새 서비스 1건을 등록했으므로/);
    res = await officers['41800'].post(`/office/surveys/tasks/${yeoncheon}/answer`, {});
    assert.equal(res.statusCode, 303);

    // An answer is final: a second one is a conflict with a Korean message.
    res = await officers['41290'].post(`/office/surveys/tasks/${gwacheon}/answer`, { noNewService: 'yes' });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /이미 응답을 제출한 조사입니다/);

    const answers = await sql<{ code: string; answer_kind: string; no_new_service: boolean; new_draft_ids: number[]; answered_by: number | null }>`
      select b.code, t.answer_kind, t.no_new_service, t.new_draft_ids, t.answered_by from campaign_tasks t join bodies b on b.id = t.body_id
      where t.campaign_id = ${campaignId} and t.state = 'answered' order by b.code`.execute(database.db);
    assert.deepEqual(answers.rows.map((r) => [r.code, r.answer_kind, r.no_new_service, r.new_draft_ids.length]), [
      ['41110', 'changes', true, 0], ['41130', 'no_new_service', true, 0], ['41290', 'no_new_service', true, 0], ['41800', 'new_services', false, 1],
    ]);
    assert.ok(answers.rows.every((r) => r.answered_by !== null), 'who answered is recorded');
    const audited = await sql<{ action: string; n: number }>`select action, count(*)::int as n from audit_log where action like 'campaign.%' group by action order by action`.execute(database.db);
    assert.deepEqual(Object.fromEntries(audited.rows.map((r) => [r.action, Number(r.n)])), { 'campaign.answer': 4, 'campaign.confirm': 1, 'campaign.create': 1, 'campaign.propose_change': 1 });
  });

  test('progress per body and overall, before and after the deadline', async () => {
    const early = await campaignProgress(database.db, adminActor, campaignId, at('2026-03-20'));
    assert.deepEqual(early.summary, { total: 40, answered: 4, pending: 36, overdue: 0, percent: 10, byKind: { new_services: 1, changes: 1, no_new_service: 2 } });
    const late = await campaignProgress(database.db, adminActor, campaignId, at('2026-04-01'));
    assert.equal(late.summary.overdue, 36);
    assert.equal(late.summary.pending, 0);
    const suwon = late.tasks.find((t) => t.bodyCode === '41110')!;
    assert.deepEqual([suwon.status, suwon.services, suwon.confirmed, suwon.changes], ['answered', 1, 1, 1]);
    const welfare = late.tasks.find((t) => t.bodyCode === 'GG-WELFARE')!;
    assert.deepEqual([welfare.status, welfare.services, welfare.confirmed], ['overdue', 1, 0], 'a discontinued service is not asked about');
    // The page (today is after the deadline) shows the same numbers.
    const page = await admin.get(`/office/surveys/${campaignId}`);
    assert.match(page.body, /응답 4 \/ 40 기관 \(10%\)/);
    assert.match(page.body, /<progress id="progress" max="40" value="4"/);
    assert.match(page.body, /기한 경과: 36/);
    assert.match(page.body, /data-body="41290" data-status="answered"/);
    assert.match(page.body, /data-body="GG-WELFARE" data-status="overdue"/);
    const en = await admin.get(`/office/surveys/${campaignId}?lang=en`);
    assert.match(en.body, /4 of 40 bodies answered \(10%\)/);
  });

  test('reminders: 7 and 1 days before the deadline, then daily while overdue; each queued once', async () => {
    const mails = async () => (await sql<{ to_address: string; subject: string; dedupe_key: string }>`select to_address, subject, dedupe_key from mail_outbox order by id`.execute(database.db)).rows;
    const pendingWithOfficers = [...emails['GG-WELFARE'], ...emails['41280']].sort(); // the disabled officer gets nothing

    let r = await queueReminders(database.db, at('2026-03-20')); // 11 days left: nothing for the survey yet
    assert.equal(r.tasks, 0);
    assert.equal(r.reviews, 1, 'GGI-TOUR’s record is past its review date');
    r = await queueReminders(database.db, at('2026-03-24')); // D-7, in a new week for the review reminder
    assert.deepEqual([r.tasks, r.reviews], [2, 1]);
    let all = await mails();
    assert.deepEqual(all.filter((m) => m.dedupe_key.includes(':before-7:')).map((m) => m.to_address).sort(), pendingWithOfficers);
    assert.ok(all.some((m) => m.subject === '[경기도 AI 등록부] 「2026년 상반기 AI 서비스 현황 조사」 응답 마감 7일 전입니다 (경기도 복지국)'));
    assert.equal((await queueReminders(database.db, at('2026-03-24'))).queued, 0, 'idempotent');
    assert.equal((await queueReminders(database.db, at('2026-03-27'))).queued, 0, 'one reminder per kind');
    r = await queueReminders(database.db, at('2026-03-30')); // D-1, and a new week for the review reminder
    assert.deepEqual([r.tasks, r.reviews], [2, 1]);
    r = await queueReminders(database.db, at('2026-04-01')); // overdue
    assert.deepEqual([r.tasks, r.reviews], [2, 0]);
    assert.equal((await queueReminders(database.db, at('2026-04-01'))).queued, 0, 'overdue: at most once a day');
    r = await queueReminders(database.db, at('2026-04-02'));
    assert.equal(r.tasks, 2);
    all = await mails();
    assert.equal(all.length, 1 + (2 + 1) + (2 + 1) + 2 + 2);
    assert.deepEqual(all.filter((m) => m.dedupe_key.startsWith('review:')).map((m) => m.to_address), [...emails['GGI-TOUR'], ...emails['GGI-TOUR'], ...emails['GGI-TOUR']]);
    assert.ok(all.some((m) => m.subject === '[경기도 AI 등록부] 「2026년 상반기 AI 서비스 현황 조사」 응답 기한이 지났습니다 (고양시)'));
    assert.ok(!all.some((m) => [...emails['41110'], ...emails['41130']].includes(m.to_address)), 'answered bodies get no reminder');
  });

  test('the outbox is delivered to an SMTP server, Korean subjects intact; failures are kept and retried', async () => {
    const received: { from: string; to: string[]; raw: string; user?: string }[] = [];
    const sink = new SMTPServer({
      disabledCommands: ['STARTTLS'], allowInsecureAuth: true, logger: false,
      onAuth(auth, _session, cb) { return auth.username === 'registry' && auth.password === 's3cret' ? cb(null, { user: auth.username }) : cb(new Error('bad credentials')); },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => { received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((x) => x.address), raw: Buffer.concat(chunks).toString('utf8'), user: session.user as string | undefined }); cb(); });
      },
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const port = (sink.server.address() as AddressInfo).port;
    try {
      // A server that refuses first: the error is kept on the row and the mail waits for a retry.
      const failing = { sendMail: async () => { throw new Error('421 service not available'); } };
      const attemptAt = new Date();
      let r = await sendOutbox(database.db, failing, { from: 'noreply@example.go.kr', now: attemptAt, limit: 1 });
      assert.deepEqual(r, { sent: 0, failed: 1 });
      const failed = (await sql<{ attempts: number; last_error: string; send_after: Date }>`select attempts, last_error, send_after from mail_outbox where last_error is not null`.execute(database.db)).rows;
      assert.equal(failed.length, 1);
      assert.equal(failed[0].attempts, 1);
      assert.match(failed[0].last_error, /421/);
      assert.ok(new Date(failed[0].send_after) > attemptAt, 'retried later');

      const transport = smtpTransport(`smtp://registry:s3cret@127.0.0.1:${port}`);
      r = await sendOutbox(database.db, transport, { from: 'noreply@example.go.kr' });
      assert.deepEqual(r, { sent: 10, failed: 0 }, 'the failed one waits for its retry time');
      r = await sendOutbox(database.db, transport, { from: 'noreply@example.go.kr', now: new Date(Date.now() + 3600_000) });
      assert.deepEqual(r, { sent: 1, failed: 0 }, 'and is sent on retry');
      transport.close?.();
      assert.equal((await sendOutbox(database.db, { sendMail: async () => { throw new Error('must not be called'); } }, { from: 'x@example.go.kr' })).sent, 0, 'nothing is sent twice');
      assert.equal(received.length, 11);
      assert.deepEqual([...new Set(received.map((m) => `${m.user} ${m.from}`))], ['registry noreply@example.go.kr'], 'authenticated with the URL’s credentials');
      const outbox = (await sql<{ to_address: string; subject: string; sent_at: Date | null }>`select to_address, subject, sent_at from mail_outbox order by id`.execute(database.db)).rows;
      assert.ok(outbox.every((m) => m.sent_at));
      assert.deepEqual(received.flatMap((m) => m.to).sort(), outbox.map((m) => m.to_address).sort());
      const subjects = received.map((m) => decodeHeader(m.raw, 'subject')).sort();
      assert.deepEqual(subjects, outbox.map((m) => m.subject).sort());
      assert.ok(subjects.includes('[경기도 AI 등록부] 「2026년 상반기 AI 서비스 현황 조사」 응답 마감 7일 전입니다 (경기도 복지국)'));
      assert.ok(subjects.includes('[경기도 AI 등록부] 정기 검토 기한이 지난 AI 서비스 1건 (경기관광공사)'));
      const toWelfare = received.find((m) => m.to.includes(emails['GG-WELFARE'][0]))!;
      assert.match(decodeHeader(toWelfare.raw, 'to'), new RegExp(emails['GG-WELFARE'][0]));
    } finally {
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
  });

  test('the review cycle: overdue records are flagged to their body and on the administrator’s overview', async () => {
    const today = seoulDate(new Date());
    const soon = addDays(today, 10);
    const overdue = await reviewStatus(database.db, { today: soon, months: 12, overdueOnly: true });
    const ids = overdue.map((r) => r.name).sort();
    // Confirmed unchanged in the campaign (성남시) counts as a review; a proposal (수원시) does not, until it is published.
    assert.deepEqual(ids, ['고양시 포트홀 탐지', '관광 코스 추천 AI', '복지 사각지대 발굴', '수원시 AI 민원 요약'].sort());
    const tour = overdue.find((r) => r.name === '관광 코스 추천 AI')!;
    assert.deepEqual([tour.lastReviewedOn, tour.nextReviewOn], ['2024-05-01', '2025-05-01']);
    assert.equal((await reviewStatus(database.db, { today: '2025-06-01', months: 24, overdueOnly: true })).length, 0, 'the interval is configurable');

    const overview = await admin.get('/office/surveys');
    assert.match(overview.body, /정기 검토 기한이 지난 공개 서비스/);
    assert.match(overview.body, /관광 코스 추천 AI/);
    assert.match(overview.body, /발송 완료 11건/);
    const mine = await officers['GGI-TOUR'].get('/office/surveys/tasks');
    assert.match(mine.body, /정기 검토 기한이 지난 서비스 \(1건\)/);
    assert.doesNotMatch(mine.body, /고양시 포트홀 탐지/, 'only one’s own body');
    // The officer checks it: reviewed today, due again in a year; another body's officer cannot.
    const publicId = /action="\/office\/surveys\/reviews\/(GG-\d{4}-\d{4})"/.exec(mine.body)![1];
    assert.equal((await officers['41280'].post(`/office/surveys/reviews/${publicId}`, {})).statusCode, 404);
    assert.equal((await officers['GGI-TOUR'].post(`/office/surveys/reviews/${publicId}`, {})).statusCode, 303);
    assert.match((await officers['GGI-TOUR'].get('/office/surveys/tasks')).body, /정기 검토 기한이 지난 서비스 \(0건\)/);
  });

  test('closing keeps the results and refuses further answers', async () => {
    let res = await admin.post(`/office/surveys/${campaignId}/close`, {});
    assert.equal(res.statusCode, 303);
    const page = await admin.get(res.headers.location as string);
    assert.match(page.body, /조사를 종료했습니다/);
    assert.match(page.body, /응답 4 \/ 40 기관 \(10%\)/);
    assert.doesNotMatch(page.body, /action="\/office\/surveys\/\d+\/close"/);
    const welfare = await taskIdOf('GG-WELFARE', campaignId);
    res = await officers['GG-WELFARE'].post(`/office/surveys/tasks/${welfare}/answer`, { noNewService: 'yes' });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /종료된 조사입니다\. 결과는 보존되어 있으며 더 이상 응답할 수 없습니다/);
    res = await officers['GG-WELFARE'].post(`/office/surveys/tasks/${welfare}/confirm`, { service: 'GG-2025-0004' });
    assert.equal(res.statusCode, 409);
    const taskPage = await officers['GG-WELFARE'].get(`/office/surveys/tasks/${welfare}`);
    assert.doesNotMatch(taskPage.body, /변경 없음 확인<\/button>/, 'a closed survey is read-only');
    assert.equal((await admin.post(`/office/surveys/${campaignId}/close`, {})).statusCode, 409);
    const kept = await sql<{ state: string; n: number }>`select state, count(*)::int as n from campaign_tasks where campaign_id = ${campaignId} group by state order by state`.execute(database.db);
    assert.deepEqual(kept.rows.map((r) => [r.state, Number(r.n)]), [['answered', 4], ['pending', 36]]);
    assert.equal((await queueReminders(database.db, at('2026-04-03'))).tasks, 0, 'no reminders for a closed survey');
  });
});

describe('settings and dates', () => {
  test('reminders run in the server when SMTP_URL is set (or REMINDERS=1), and never with REMINDERS=0', () => {
    assert.equal(surveyConfigFromEnv({}).schedule, false);
    assert.equal(surveyConfigFromEnv({ SMTP_URL: 'smtp://mail.example.go.kr:25' }).schedule, true);
    assert.equal(surveyConfigFromEnv({ REMINDERS: '1' }).schedule, true);
    assert.equal(surveyConfigFromEnv({ SMTP_URL: 'smtp://mail.example.go.kr:25', REMINDERS: '0' }).schedule, false);
    assert.deepEqual(surveyConfigFromEnv({}).reminderDays, [7, 1]);
    assert.deepEqual(surveyConfigFromEnv({ REMINDER_DAYS: '14, 3' }).reminderDays, [14, 3]);
    assert.equal(surveyConfigFromEnv({ REVIEW_MONTHS: '6' }).reviewMonths, 6);
    assert.throws(() => surveyConfigFromEnv({ REVIEW_MONTHS: 'yearly' }), /REVIEW_MONTHS/);
  });

  test('dates are Korean calendar dates', () => {
    assert.equal(seoulDate(new Date('2026-03-30T15:30:00Z')), '2026-03-31'); // 00:30 in Seoul
    assert.equal(daysBetween('2026-03-24', '2026-03-31'), 7);
    assert.equal(weekStart('2026-03-29'), '2026-03-23'); // a Sunday belongs to the week of the Monday before
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  });
});

/** Reads one header from a raw message: unfolded, RFC 2047 encoded words decoded. */
function decodeHeader(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'));
  if (!line) return '';
  const value = line.slice(name.length + 1).trim();
  return value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, text: string) => {
    const bytes = enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return new TextDecoder(charset).decode(bytes);
  });
}
