import { sql } from 'kysely';
import type { QuestionsTable } from '../../platform/db/types.ts';
import type { Db } from '../services/services.repository.ts';

export type QuestionState = 'open' | 'answered' | 'hidden';

/** A question as the back office sees it (the sender's email included, for notifying them). */
export interface QuestionRow {
  id: number;
  serviceId: number;
  publicId: string;
  serviceName: string | null;
  bodyId: number;
  bodyNameKo: string;
  kind: QuestionsTable['kind'];
  authorName: string | null;
  authorEmail: string | null;
  text: string;
  state: QuestionState;
  answer: string | null;
  answeredAt: Date | null;
  answeredByName: string | null;
  createdAt: Date;
}

/** What the public service page shows: no name, no email, no address hash. */
export interface PublicQuestion {
  kind: QuestionsTable['kind'];
  text: string;
  answer: string;
  answeredAt: Date;
}

function base(db: Db) {
  return db.selectFrom('questions as q')
    .innerJoin('services as sv', 'sv.id', 'q.service_id')
    .innerJoin('bodies as b', 'b.id', 'sv.body_id')
    .leftJoin('service_search as ss', 'ss.service_id', 'sv.id')
    .leftJoin('accounts as u', 'u.id', 'q.answered_by')
    .select([
      'q.id', 'q.service_id as serviceId', 'sv.public_id as publicId', 'ss.name as serviceName', 'b.id as bodyId', 'b.name_ko as bodyNameKo',
      'q.kind', 'q.author_name as authorName', 'q.author_email as authorEmail', 'q.text', 'q.state', 'q.answer', 'q.answered_at as answeredAt',
      'u.name as answeredByName', 'q.created_at as createdAt',
    ]);
}

/** One question, visible only within `scopeBodyId` when given (an officer's body). */
export async function findQuestion(db: Db, id: number, scopeBodyId: number | null, forUpdate = false): Promise<QuestionRow | undefined> {
  let q = base(db).where('q.id', '=', id);
  if (scopeBodyId !== null) q = q.where('sv.body_id', '=', scopeBodyId);
  if (forUpdate) q = q.forUpdate('q');
  return (await q.executeTakeFirst()) as QuestionRow | undefined;
}

export interface QuestionFilter {
  scopeBodyId: number | null;
  states: QuestionState[];
  limit?: number;
}

/** The back-office list: open questions first, longest waiting first; then the most recently answered. */
export async function searchQuestions(db: Db, f: QuestionFilter): Promise<QuestionRow[]> {
  const rows = await base(db)
    .$if(f.scopeBodyId !== null, (q) => q.where('sv.body_id', '=', f.scopeBodyId!))
    .$if(f.states.length > 0, (q) => q.where('q.state', 'in', f.states))
    .orderBy(sql`case q.state when 'open' then 0 when 'answered' then 1 else 2 end`)
    .orderBy(sql`case when q.state = 'open' then q.created_at end`, 'asc')
    .orderBy(sql`coalesce(q.answered_at, q.created_at)`, 'desc')
    .orderBy('q.id', 'desc')
    .limit(f.limit ?? 500)
    .execute();
  return rows as QuestionRow[];
}

/** Answered questions of one service, newest answer first, with only the fields the public may see. */
export async function listAnsweredQuestions(db: Db, serviceId: number, limit = 100): Promise<PublicQuestion[]> {
  const rows = await db.selectFrom('questions').where('service_id', '=', serviceId).where('state', '=', 'answered')
    .select(['kind', 'text', 'answer', 'answered_at as answeredAt'])
    .orderBy('answered_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows as PublicQuestion[];
}

export interface BodyBacklog {
  bodyId: number;
  bodyCode: string;
  bodyNameKo: string;
  open: number;
  oldestAt: Date;
}

export type BacklogSort = 'age' | 'age-asc' | 'count' | 'body';

/** Unanswered questions per body, with the oldest one's date (its age is how long the body has kept someone waiting). */
export async function unansweredPerBody(db: Db, sort: BacklogSort): Promise<BodyBacklog[]> {
  let q = db.selectFrom('questions as q').innerJoin('services as sv', 'sv.id', 'q.service_id').innerJoin('bodies as b', 'b.id', 'sv.body_id')
    .where('q.state', '=', 'open')
    .groupBy(['b.id', 'b.code', 'b.name_ko'])
    .select(['b.id as bodyId', 'b.code as bodyCode', 'b.name_ko as bodyNameKo', sql<number>`count(*)::int`.as('open'), sql<Date>`min(q.created_at)`.as('oldestAt')]);
  if (sort === 'age') q = q.orderBy(sql`min(q.created_at)`, 'asc');
  else if (sort === 'age-asc') q = q.orderBy(sql`min(q.created_at)`, 'desc');
  else if (sort === 'count') q = q.orderBy(sql`count(*)`, 'desc');
  q = q.orderBy('b.name_ko');
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, open: Number(r.open), oldestAt: new Date(r.oldestAt) })) as BodyBacklog[];
}

export async function insertQuestion(db: Db, v: { serviceId: number; kind: QuestionsTable['kind']; text: string; authorName: string | null; authorEmail: string | null; ipHash: string }) {
  const row = await db.insertInto('questions').values({
    service_id: v.serviceId, kind: v.kind, text: v.text, author_name: v.authorName, author_email: v.authorEmail, ip_hash: v.ipHash,
    answer: null, answered_by: null, answered_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setAnswer(db: Db, id: number, answer: string, accountId: number) {
  await db.updateTable('questions').set({ state: 'answered', answer, answered_by: accountId, answered_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export async function setHidden(db: Db, id: number) {
  await db.updateTable('questions').set({ state: 'hidden' }).where('id', '=', id).execute();
}
