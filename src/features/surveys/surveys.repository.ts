import { sql } from 'kysely';
import type { Db } from '../services/services.repository.ts';
import type { AnswerKind, CampaignState, ConfirmationOutcome, TaskState } from './surveys.tables.ts';

// ---- campaigns ----

export interface CampaignRow {
  id: number;
  title: string;
  description: string | null;
  opensOn: string;
  deadline: string;
  state: CampaignState;
  createdAt: Date;
  closedAt: Date | null;
  createdByName: string | null;
}

function campaignBase(db: Db) {
  return db.selectFrom('campaigns as c').leftJoin('accounts as a', 'a.id', 'c.created_by')
    .select(['c.id', 'c.title', 'c.description', 'c.opens_on as opensOn', 'c.deadline', 'c.state', 'c.created_at as createdAt', 'c.closed_at as closedAt', 'a.name as createdByName']);
}

export async function findCampaign(db: Db, id: number, forUpdate = false): Promise<CampaignRow | undefined> {
  let q = campaignBase(db).where('c.id', '=', id);
  if (forUpdate) q = q.forUpdate('c');
  return (await q.executeTakeFirst()) as CampaignRow | undefined;
}

/** Every campaign with its task counts; `today` (YYYY-MM-DD) decides which pending tasks are overdue. */
export async function listCampaigns(db: Db, today: string) {
  const rows = await campaignBase(db).select([
    sql<number>`(select count(*) from campaign_tasks t where t.campaign_id = c.id)::int`.as('tasks'),
    sql<number>`(select count(*) from campaign_tasks t where t.campaign_id = c.id and t.state = 'answered')::int`.as('answered'),
    sql<number>`(select count(*) from campaign_tasks t where t.campaign_id = c.id and t.state = 'pending' and c.deadline < ${today}::date)::int`.as('overdue'),
  ]).orderBy('c.id', 'desc').execute();
  return rows.map((r) => ({ ...(r as CampaignRow), tasks: Number(r.tasks), answered: Number(r.answered), overdue: Number(r.overdue) }));
}

export async function insertCampaign(db: Db, c: { title: string; description: string | null; opensOn: string; deadline: string; createdBy: number }) {
  const row = await db.insertInto('campaigns').values({
    title: c.title, description: c.description, opens_on: c.opensOn, deadline: c.deadline, created_by: c.createdBy, closed_at: null, closed_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertTasks(db: Db, campaignId: number, bodyIds: number[]) {
  if (bodyIds.length === 0) return;
  await db.insertInto('campaign_tasks').values(bodyIds.map((bodyId) => ({ campaign_id: campaignId, body_id: bodyId, answer_kind: null, note: null, answered_at: null, answered_by: null }))).execute();
}

/** Closes an open campaign; false when it was already closed. */
export async function markClosed(db: Db, id: number, accountId: number, at: Date) {
  const r = await db.updateTable('campaigns').set({ state: 'closed', closed_at: at, closed_by: accountId }).where('id', '=', id).where('state', '=', 'open').returning('id').executeTakeFirst();
  return !!r;
}

// ---- bodies to survey ----

/** Ids of the bodies of the given kinds plus the bodies with the given codes. */
export async function bodyIdsFor(db: Db, kinds: string[], codes: string[]) {
  if (kinds.length === 0 && codes.length === 0) return [];
  const rows = await db.selectFrom('bodies').select('id')
    .where((eb) => eb.or([
      ...(kinds.length ? [eb('kind', 'in', kinds as never[])] : []),
      ...(codes.length ? [eb('code', 'in', codes)] : []),
    ])).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function listBodiesForSelection(db: Db) {
  return db.selectFrom('bodies').select(['id', 'code', 'kind', 'name_ko as nameKo', 'name_en as nameEn'])
    .orderBy(sql`case kind when 'province' then 0 when 'department' then 1 when 'city' then 2 when 'county' then 3 else 4 end`).orderBy('name_ko').execute();
}

// ---- tasks ----

export interface TaskRow {
  id: number;
  campaignId: number;
  campaignTitle: string;
  campaignDescription: string | null;
  campaignState: CampaignState;
  campaignCreatedAt: Date;
  opensOn: string;
  deadline: string;
  bodyId: number;
  bodyCode: string;
  bodyNameKo: string;
  bodyNameEn: string | null;
  bodyKind: string;
  state: TaskState;
  answerKind: AnswerKind | null;
  noNewService: boolean;
  newDraftIds: number[];
  note: string | null;
  answeredAt: Date | null;
  answeredByName: string | null;
}

function taskBase(db: Db) {
  return db.selectFrom('campaign_tasks as t').innerJoin('campaigns as c', 'c.id', 't.campaign_id').innerJoin('bodies as b', 'b.id', 't.body_id')
    .leftJoin('accounts as u', 'u.id', 't.answered_by')
    .select(['t.id', 't.campaign_id as campaignId', 'c.title as campaignTitle', 'c.description as campaignDescription', 'c.state as campaignState', 'c.created_at as campaignCreatedAt',
      'c.opens_on as opensOn', 'c.deadline', 'b.id as bodyId', 'b.code as bodyCode', 'b.name_ko as bodyNameKo', 'b.name_en as bodyNameEn', 'b.kind as bodyKind',
      't.state', 't.answer_kind as answerKind', 't.no_new_service as noNewService', 't.new_draft_ids as newDraftIds', 't.note', 't.answered_at as answeredAt', 'u.name as answeredByName']);
}

/** One task, visible only within `scopeBodyId` when given (an officer's own body); otherwise undefined. */
export async function findTask(db: Db, id: number, scopeBodyId: number | null, forUpdate = false): Promise<TaskRow | undefined> {
  let q = taskBase(db).where('t.id', '=', id);
  if (scopeBodyId !== null) q = q.where('t.body_id', '=', scopeBodyId);
  if (forUpdate) q = q.forUpdate('t');
  return (await q.executeTakeFirst()) as TaskRow | undefined;
}

/** Tasks with optional filters: one campaign (progress page) or one body (an officer's list). */
export async function searchTasks(db: Db, f: { campaignId?: number; bodyId?: number; openOnly?: boolean }) {
  const rows = await taskBase(db)
    .$if(f.campaignId !== undefined, (q) => q.where('t.campaign_id', '=', f.campaignId!))
    .$if(f.bodyId !== undefined, (q) => q.where('t.body_id', '=', f.bodyId!))
    .$if(!!f.openOnly, (q) => q.where('c.state', '=', 'open'))
    .select([
      sql<number>`(select count(*) from service_search s where s.body_id = t.body_id and s.status <> 'discontinued')::int`.as('services'),
      sql<number>`(select count(*) from campaign_confirmations k where k.task_id = t.id)::int`.as('confirmed'),
      sql<number>`(select count(*) from campaign_confirmations k where k.task_id = t.id and k.outcome = 'change_proposed')::int`.as('changes'),
    ])
    .orderBy(sql`case b.kind when 'province' then 0 when 'department' then 1 when 'city' then 2 when 'county' then 3 else 4 end`)
    .orderBy('b.name_ko').orderBy('c.id', 'desc').execute();
  return rows.map((r) => ({ ...(r as TaskRow), services: Number(r.services), confirmed: Number(r.confirmed), changes: Number(r.changes) }));
}

/** The body's published services that a task asks about (discontinued ones need no answer), with their confirmation. */
export async function taskServices(db: Db, taskId: number, bodyId: number) {
  return db.selectFrom('service_search as s').innerJoin('services as sv', 'sv.id', 's.service_id')
    .leftJoin('campaign_confirmations as k', (j) => j.onRef('k.service_id', '=', 's.service_id').on('k.task_id', '=', taskId))
    .leftJoin('drafts as d', 'd.id', 'k.draft_id')
    .where('s.body_id', '=', bodyId).where('s.status', '<>', 'discontinued')
    .select(['s.service_id as serviceId', 'sv.public_id as publicId', 's.name', 's.name_en as nameEn', 's.status', 's.published_at as publishedAt',
      'k.outcome', 'k.draft_id as draftId', 'd.state as draftState', 'k.confirmed_at as confirmedAt'])
    .orderBy('s.name').orderBy('s.service_id').execute();
}

/** New-service drafts of a body started since `since` (not withdrawn): the "new services" of a campaign. */
export async function newServiceDrafts(db: Db, bodyId: number, since: Date) {
  return db.selectFrom('drafts').where('body_id', '=', bodyId).where('service_id', 'is', null).where('state', '<>', 'withdrawn').where('created_at', '>=', since)
    .select(['id', 'state', sql<string | null>`disclosure->'name'->>'ko'`.as('name'), 'created_at as createdAt']).orderBy('id').execute();
}

export async function draftsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('drafts').where('id', 'in', ids).select(['id', 'state', sql<string | null>`disclosure->'name'->>'ko'`.as('name'), 'created_at as createdAt']).orderBy('id').execute();
}

export async function saveConfirmation(db: Db, c: { taskId: number; serviceId: number; outcome: ConfirmationOutcome; draftId: number | null; accountId: number; at: Date }) {
  await db.insertInto('campaign_confirmations').values({ task_id: c.taskId, service_id: c.serviceId, outcome: c.outcome, draft_id: c.draftId, confirmed_by: c.accountId, confirmed_at: c.at })
    .onConflict((oc) => oc.columns(['task_id', 'service_id']).doUpdateSet({ outcome: c.outcome, draft_id: c.draftId, confirmed_by: c.accountId, confirmed_at: c.at }))
    .execute();
}

/** Records the answer of a pending task; false when it was no longer pending. */
export async function markAnswered(db: Db, id: number, a: { kind: AnswerKind; noNewService: boolean; newDraftIds: number[]; note: string | null; accountId: number; at: Date }) {
  const r = await db.updateTable('campaign_tasks').set({
    state: 'answered', answer_kind: a.kind, no_new_service: a.noNewService, new_draft_ids: a.newDraftIds, note: a.note, answered_by: a.accountId, answered_at: a.at,
  }).where('id', '=', id).where('state', '=', 'pending').returning('id').executeTakeFirst();
  return !!r;
}

// ---- reminders ----

/** Pending tasks of open campaigns that have started by `today`. */
export async function pendingTasksOfOpenCampaigns(db: Db, today: string) {
  return db.selectFrom('campaign_tasks as t').innerJoin('campaigns as c', 'c.id', 't.campaign_id').innerJoin('bodies as b', 'b.id', 't.body_id')
    .where('t.state', '=', 'pending').where('c.state', '=', 'open').where(sql<boolean>`c.opens_on <= ${today}::date`)
    .select(['t.id', 't.body_id as bodyId', 'b.name_ko as bodyNameKo', 'c.id as campaignId', 'c.title', 'c.deadline']).orderBy('t.id').execute();
}

/** Active registering officers of the given bodies: the people reminders go to. */
export async function officersOf(db: Db, bodyIds: number[]) {
  if (bodyIds.length === 0) return [];
  return db.selectFrom('accounts').where('role', '=', 'officer').where('disabled', '=', false).where('body_id', 'in', bodyIds)
    .select(['id', 'email', 'name', 'body_id as bodyId']).orderBy('id').execute();
}
