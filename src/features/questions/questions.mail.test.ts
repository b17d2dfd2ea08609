/**
 * Answering a public question mails the resident who left an address, through the mail outbox the
 * survey reminders use; nobody else, once per answer text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { anAccount, csrfFrom, signIn } from '../../../test/support/accounts.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { buildApp } from '../../app.tsx';
import type { Database } from '../../platform/db/database.ts';
import { sendOutbox, type MailTransport } from '../mail/mail.ts';

process.env.QUESTION_MIN_AGE_MS = '0';
const WELFARE = 'GG-2025-0001'; // 경기도 복지국

let database: Database;
let app: FastifyInstance;
let officer: Awaited<ReturnType<typeof signIn>>;

before(async () => {
  database = await testDatabase({ demo: true });
  app = await buildApp({ db: database.db });
  officer = await signIn(app, (await anAccount(database.db, 'officer', 'GG-WELFARE')).email);
});
after(async () => { await app.close(); await database.close(); });

let ip = 20;
async function ask(form: Record<string, string>) {
  const from = `198.51.100.${ip++}`;
  const page = await app.inject({ url: `/services/${WELFARE}/ask`, headers: { accept: 'text/html', 'x-forwarded-for': from } });
  const params = new URLSearchParams({ kind: 'question', homepage_url: '', stamp: /name="stamp" value="([^"]+)"/.exec(page.body)![1], _csrf: csrfFrom(page.body), ...form });
  const res = await app.inject({
    method: 'POST', url: `/services/${WELFARE}/ask`, payload: params.toString(),
    headers: { accept: 'text/html', cookie: `pcsrf=${page.cookies.find((c) => c.name === 'pcsrf')!.value}`, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return (await sql<{ id: number }>`select id from questions where text = ${form.text}`.execute(database.db)).rows[0].id;
}

const outbox = async () => (await sql<{ to_address: string; subject: string; body_text: string; sent_at: Date | null }>`select to_address, subject, body_text, sent_at from mail_outbox order by id`.execute(database.db)).rows;
const answer = (id: number, text: string) => officer.post(`/office/questions/${id}/answer`, { answer: text });

describe('the resident hears about the answer', () => {
  test('an answer mails the address the resident left; the same answer again does not; a correction does', async () => {
    const withEmail = await ask({ text: '예측 결과는 누가 확인합니까? (메일 테스트)', name: '김도민', email: 'Resident@Example.com' });
    const without = await ask({ text: '주소 없이 보낸 질문입니다. (메일 테스트)' });
    const before = (await outbox()).length;

    assert.equal((await answer(without, '담당자가 확인합니다.')).statusCode, 303);
    assert.equal((await outbox()).length, before, 'no address, no mail');

    assert.equal((await answer(withEmail, '모니터링 요원이 모든 신호를 확인한 뒤 방문을 결정합니다.')).statusCode, 303);
    let mails = (await outbox()).slice(before);
    assert.equal(mails.length, 1);
    assert.equal(mails[0].to_address, 'resident@example.com');
    assert.match(mails[0].subject, /^\[경기도 AI 등록부\] 「인공지능 기반 고독사 예방 및 대응 서비스」에 보내신 질문에 답변이 등록되었습니다$/);
    assert.match(mails[0].body_text, /^김도민 님,/);
    assert.match(mails[0].body_text, /> 예측 결과는 누가 확인합니까\? \(메일 테스트\)/);
    assert.match(mails[0].body_text, /> 모니터링 요원이 모든 신호를 확인한 뒤 방문을 결정합니다\./);
    assert.match(mails[0].body_text, new RegExp(`/services/${WELFARE}#questions`));

    // Saved again unchanged: nothing more. Corrected: one more mail saying so.
    await answer(withEmail, '모니터링 요원이 모든 신호를 확인한 뒤 방문을 결정합니다.');
    assert.equal((await outbox()).length, before + 1);
    await answer(withEmail, '모니터링 요원이 모든 신호를 확인하고, 필요하면 방문합니다.');
    mails = (await outbox()).slice(before);
    assert.equal(mails.length, 2);
    assert.match(mails[1].subject, /답변이 수정되었습니다/);

    const events = (await sql<{ details: any }>`select details from audit_log where action = 'question.answer' and entity_id = ${String(withEmail)} order by id`.execute(database.db)).rows
      .map((e) => (typeof e.details === 'string' ? JSON.parse(e.details) : e.details).mailed);
    assert.deepEqual(events, [true, false, true]);

    // The outbox sends them like the survey reminders.
    const sent: { to: string; subject: string }[] = [];
    const transport: MailTransport = { sendMail: async (m) => { sent.push(m); } };
    const r = await sendOutbox(database.db, transport, { from: 'registry@example.go.kr' });
    assert.ok(r.sent >= 2);
    assert.deepEqual(sent.filter((m) => m.to === 'resident@example.com').length, 2);
  });
});
