import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { anAccount, signIn } from '../../../test/support/accounts.ts';
import { testApp } from '../../../test/support/app.ts';

const { database, app } = await testApp({ demo: true });

test('the overview counts services, completeness, drafts, survey tasks, overdue reviews and questions per body', async () => {
  const db = database.db;
  const suwon = (await sql<{ id: number }>`select id from bodies where code = '41110'`.execute(db)).rows[0].id;
  const admin = await anAccount(db, 'admin');
  await sql`insert into drafts (body_id, state, disclosure) values (${suwon}, 'draft', '{}'), (${suwon}, 'submitted', '{}')`.execute(db);
  await sql`insert into campaigns (title, opens_on, deadline, state, created_by) values ('2025 조사', '2025-12-01', '2025-12-20', 'open', ${admin.id})`.execute(db);
  await sql`insert into campaign_tasks (campaign_id, body_id) select c.id, ${suwon} from campaigns c`.execute(db);
  const svc = (await sql<{ id: number }>`select id from services where body_id = ${suwon} limit 1`.execute(db)).rows[0].id;
  await sql`insert into questions (service_id, kind, text, created_at) values (${svc}, 'question', '질문', now() - interval '5 days')`.execute(db);
  // A version published over a year ago is due for review.
  const session = await signIn(app, admin.email);
  const page = await session.get('/office/admin/overview');
  assert.equal(page.statusCode, 200);
  const row = /<tr><th scope="row"><a href="\/bodies\/41110">수원시<\/a><\/th>(.*?)<\/tr>/.exec(page.body)![1];
  const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  // type, services, completeness, drafts, submitted, open tasks, overdue tasks, overdue reviews, questions, oldest days
  assert.deepEqual([cells[1], cells[3], cells[4], cells[5], cells[6], cells[8], cells[9]], ['1', '1', '1', '1', '1', '1', '5']);
  assert.match(cells[2], /^\d+$/);
  const csv = await session.get('/office/admin/overview.csv');
  assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf');
  assert.match(csv.body, /41110,수원시,city,1,/);
  const audited = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'export.overview'`.execute(db);
  assert.equal(audited.rows[0].n, 1);
});

test('officers cannot see the overview', async () => {
  const officer = await anAccount(database.db, 'officer', '41110');
  const s = await signIn(app, officer.email);
  assert.equal((await s.get('/office/admin/overview')).statusCode, 403);
  assert.equal((await s.get('/office/admin/overview.csv')).statusCode, 403);
});
