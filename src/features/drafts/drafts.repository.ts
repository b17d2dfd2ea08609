import { sql } from 'kysely';
import type { DraftState } from '../../platform/db/types.ts';
import type { Db } from '../services/services.repository.ts';

export interface DraftRow {
  id: number;
  bodyId: number;
  bodyCode: string;
  bodyNameKo: string;
  serviceId: number | null;
  publicId: string | null;
  state: DraftState;
  disclosure: unknown;
  changeReason: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  updatedByEmail: string | null;
}

function base(db: Db) {
  return db.selectFrom('drafts as d').innerJoin('bodies as b', 'b.id', 'd.body_id').leftJoin('services as s', 's.id', 'd.service_id').leftJoin('accounts as u', 'u.id', 'd.updated_by')
    .select(['d.id', 'd.body_id as bodyId', 'b.code as bodyCode', 'b.name_ko as bodyNameKo', 'd.service_id as serviceId', 's.public_id as publicId', 'd.state', 'd.disclosure',
      'd.change_reason as changeReason', 'd.revision', 'd.created_at as createdAt', 'd.updated_at as updatedAt', 'd.submitted_at as submittedAt', 'u.email as updatedByEmail']);
}

/** One draft, visible only within `bodyId` when given (an officer's scope); otherwise undefined. */
export async function findDraft(db: Db, id: number, scopeBodyId: number | null, forUpdate = false): Promise<DraftRow | undefined> {
  let q = base(db).where('d.id', '=', id);
  if (scopeBodyId !== null) q = q.where('d.body_id', '=', scopeBodyId);
  if (forUpdate) q = q.forUpdate('d');
  return (await q.executeTakeFirst()) as DraftRow | undefined;
}

export async function listDrafts(db: Db, f: { scopeBodyId: number | null; states?: DraftState[]; limit?: number }) {
  let q = base(db);
  if (f.scopeBodyId !== null) q = q.where('d.body_id', '=', f.scopeBodyId);
  if (f.states?.length) q = q.where('d.state', 'in', f.states);
  return (await q.orderBy('d.updated_at', 'desc').limit(f.limit ?? 200).execute()) as DraftRow[];
}

export async function openDraftForService(db: Db, serviceId: number) {
  return db.selectFrom('drafts').where('service_id', '=', serviceId).where('state', 'in', ['draft', 'submitted', 'returned']).select(['id']).executeTakeFirst();
}

export async function insertDraft(db: Db, d: { bodyId: number; serviceId: number | null; disclosure: unknown; changeReason: string | null; accountId: number }) {
  const row = await db.insertInto('drafts').values({
    body_id: d.bodyId, service_id: d.serviceId, state: 'draft', disclosure: JSON.stringify(d.disclosure), change_reason: d.changeReason,
    created_by: d.accountId, updated_by: d.accountId, submitted_at: null, published_version_id: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Saves only if nobody saved since `revision` was read; returns the new revision or undefined on conflict. */
export async function updateDraftContent(db: Db, d: { id: number; revision: number; disclosure: unknown; changeReason: string | null; accountId: number }) {
  const row = await db.updateTable('drafts').set({
    disclosure: JSON.stringify(d.disclosure), change_reason: d.changeReason, updated_by: d.accountId, updated_at: new Date(), revision: sql`revision + 1`,
  }).where('id', '=', d.id).where('revision', '=', d.revision).where('state', 'in', ['draft', 'returned']).returning('revision').executeTakeFirst();
  return row?.revision;
}

export async function setDraftState(db: Db, id: number, state: DraftState, extra: { accountId: number; publishedVersionId?: number; submitted?: boolean }) {
  await db.updateTable('drafts').set({
    state, updated_by: extra.accountId, updated_at: new Date(), revision: sql`revision + 1`,
    ...(extra.submitted ? { submitted_at: new Date() } : {}),
    ...(extra.publishedVersionId ? { published_version_id: extra.publishedVersionId } : {}),
  }).where('id', '=', id).execute();
}

export async function findTransition(db: Db, from: string, action: string, role: string) {
  return db.selectFrom('workflow_transitions').where('from_state', '=', from).where('action', '=', action).where('role', '=', role).select('to_state as to').executeTakeFirst();
}

export async function listTransitions(db: Db) {
  return db.selectFrom('workflow_transitions').selectAll().execute();
}

export async function insertComment(db: Db, c: { draftId: number; item: string; comment: string; authorId: number }) {
  await db.insertInto('review_comments').values({ draft_id: c.draftId, item: c.item, comment: c.comment, author_id: c.authorId }).execute();
}

export async function listComments(db: Db, draftId: number) {
  return db.selectFrom('review_comments as c').leftJoin('accounts as a', 'a.id', 'c.author_id').where('c.draft_id', '=', draftId)
    .select(['c.id', 'c.item', 'c.comment', 'c.created_at as createdAt', 'a.name as authorName']).orderBy('c.id').execute();
}
