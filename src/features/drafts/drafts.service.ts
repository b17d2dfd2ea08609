import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, notFound, validationError } from '../../platform/http/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { audit } from '../audit/audit.repository.ts';
import { findBodyByCode } from '../bodies/bodies.repository.ts';
import { keepUnformed } from '../disclosure/disclosure.form.ts';
import { findPublishedService } from '../services/services.repository.ts';
import { publishInTransaction, validateDisclosure } from '../services/services.service.ts';
import { authorizeCreate, authorizeEdit, authorizeReview, draftScope } from './drafts.policy.ts';
import * as repo from './drafts.repository.ts';

export type WorkflowAction = 'submit' | 'withdraw' | 'return' | 'publish';

const conflict = (message: string, messageEn: string) => new AppError(409, 'CONFLICT', message, messageEn);

/** A draft's content may be incomplete while it is being written: only its shape is kept. */
function asDraftContent(input: unknown): Record<string, unknown> {
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

/**
 * Items of a disclosure that are not its content but where it came from: `source`, the record an
 * import made it from (standards.service.ts). The registry keeps them; no edit drops or replaces them.
 */
const PROVENANCE = ['source'] as const;

export function provenanceOf(disclosure: unknown): Record<string, unknown> {
  const d = asDraftContent(disclosure);
  return Object.fromEntries(PROVENANCE.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]));
}

export async function createDraft(db: Kysely<DB>, actor: Actor, input: { disclosure?: unknown }, ip: string | null) {
  authorizeCreate(actor);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertDraft(trx, { bodyId: actor.bodyId!, serviceId: null, disclosure: asDraftContent(input.disclosure), changeReason: null, accountId: actor.id });
    await audit(trx, { action: 'draft.create', actorId: actor.id, entity: 'draft', entityId: id, bodyId: actor.bodyId, ip, details: { via: actor.via } });
    return id;
  });
}

export async function getDraft(db: Kysely<DB>, actor: Actor, id: number) {
  const draft = await repo.findDraft(db, id, draftScope(actor));
  if (!draft) throw notFound();
  return draft;
}

/**
 * Saves a draft; refused with a conflict when someone else saved it since this editor loaded it.
 * `fromForm`: the content is the editor's form, which shows only part of a disclosure; what it does
 * not show is kept from the saved draft. The draft's provenance is always kept.
 */
export async function saveDraft(db: Kysely<DB>, actor: Actor, id: number, input: { disclosure: unknown; changeReason?: string | null; revision: number; fromForm?: boolean }, ip: string | null) {
  const draft = await repo.findDraft(db, id, draftScope(actor));
  authorizeEdit(actor, draft);
  if (draft.state !== 'draft' && draft.state !== 'returned') {
    throw conflict('제출되었거나 게시된 초안은 고칠 수 없습니다.', 'A submitted or published draft cannot be edited.');
  }
  return db.transaction().execute(async (trx) => {
    const posted = input.fromForm ? keepUnformed(draft.disclosure, asDraftContent(input.disclosure)) : asDraftContent(input.disclosure);
    const disclosure = { ...posted, ...provenanceOf(draft.disclosure) };
    const revision = await repo.updateDraftContent(trx, { id, revision: input.revision, disclosure, changeReason: input.changeReason?.trim() || null, accountId: actor.id });
    if (revision === undefined) {
      throw conflict('다른 사용자가 이 초안을 먼저 저장했습니다. 입력하신 내용은 그대로 두었으니, 최신 내용을 확인한 뒤 다시 저장하십시오.', 'Someone else saved this draft first. Your input is kept; check the latest version and save again.');
    }
    await audit(trx, { action: 'draft.save', actorId: actor.id, entity: 'draft', entityId: id, bodyId: draft.bodyId, ip });
    return revision;
  });
}

/** Starts a change proposal (a new draft version) of a published service, or returns the open one. */
export async function proposeChange(db: Kysely<DB>, actor: Actor, publicId: string, ip: string | null, preset?: { status?: 'discontinued'; endDate?: string; changeReason?: string }) {
  authorizeCreate(actor);
  const record = await findPublishedService(db, publicId);
  if (!record || record.bodyId !== actor.bodyId) throw notFound();
  const open = await repo.openDraftForService(db, record.serviceId);
  if (open) return { id: open.id, existing: true };
  const disclosure = { ...(record.disclosure as Record<string, unknown>), ...(preset?.status ? { status: preset.status, endDate: preset.endDate } : {}) };
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await repo.insertDraft(trx, { bodyId: record.bodyId, serviceId: record.serviceId, disclosure, changeReason: preset?.changeReason ?? null, accountId: actor.id });
      await audit(trx, { action: preset?.status ? 'draft.discontinue' : 'draft.propose_change', actorId: actor.id, entity: 'draft', entityId: id, bodyId: record.bodyId, ip, details: { publicId } });
      return { id, existing: false };
    });
  } catch (error) {
    const again = await repo.openDraftForService(db, record.serviceId);
    if (again) return { id: again.id, existing: true }; // a concurrent request opened it first
    throw error;
  }
}

/** Discontinuation (운영 중단): a change proposal with status, end date and reason, reviewed like any change. */
export async function proposeDiscontinuation(db: Kysely<DB>, actor: Actor, publicId: string, input: { endDate: string; reason: string }, ip: string | null) {
  const problems = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.endDate ?? '')) problems.push({ field: 'endDate', code: 'INVALID_FORMAT', message: '「운영 종료일」을 YYYY-MM-DD 형식으로 입력하십시오.', messageEn: 'End date must be YYYY-MM-DD.' });
  if (!input.reason?.trim()) problems.push({ field: 'changeReason', code: 'REQUIRED', message: '「중단 사유」를 입력하십시오.', messageEn: 'A reason is required.' });
  if (problems.length) throw validationError(problems);
  return proposeChange(db, actor, publicId, ip, { status: 'discontinued', endDate: input.endDate, changeReason: input.reason.trim() });
}

/**
 * Moves a draft along the workflow. The allowed move is looked up in workflow_transitions for the
 * draft's current state, read under a row lock in the same transaction, so of two simultaneous
 * publishes exactly one wins and the other gets a clear conflict.
 */
export async function transition(db: Kysely<DB>, actor: Actor, id: number, action: WorkflowAction, input: { comment?: string; comments?: { item: string; comment: string }[] } = {}, ip: string | null = null) {
  if (action === 'return' || action === 'publish') authorizeReview(actor);
  return db.transaction().execute(async (trx) => {
    const draft = await repo.findDraft(trx, id, draftScope(actor), true);
    if (!draft) throw notFound();
    if ((action === 'submit' || action === 'withdraw')) authorizeEdit(actor, draft);
    const move = await repo.findTransition(trx, draft.state, action, actor.role);
    if (!move) {
      throw conflict(
        draft.state === 'published' ? '이미 게시된 초안입니다. 다른 검토자가 먼저 처리했습니다.' : `현재 상태(${draft.state})에서는 이 작업을 할 수 없습니다.`,
        draft.state === 'published' ? 'Already published by someone else.' : `This action is not allowed in state ${draft.state}.`,
      );
    }
    let published: { publicId: string; versionNo: number } | undefined;
    if (action === 'submit') {
      const disclosure = validateDisclosure(draft.disclosure);
      if (draft.serviceId && !draft.changeReason?.trim()) {
        throw validationError([{ field: 'changeReason', code: 'REQUIRED', message: '「변경 사유」를 입력하십시오.', messageEn: 'A reason for the change is required.' }]);
      }
      void disclosure;
    }
    if (action === 'return') {
      const comments = [...(input.comments ?? []), ...(input.comment?.trim() ? [{ item: 'general', comment: input.comment.trim() }] : [])].filter((c) => c.comment.trim());
      if (comments.length === 0) throw validationError([{ field: 'comment', code: 'REQUIRED', message: '돌려보낼 때는 의견을 하나 이상 적어야 합니다.', messageEn: 'Returning needs at least one comment.' }]);
      for (const c of comments) await repo.insertComment(trx, { draftId: id, item: c.item.slice(0, 200), comment: c.comment.trim().slice(0, 4000), authorId: actor.id });
    }
    if (action === 'publish') {
      // The schema keeps the disclosed items only; the record's provenance is published with them.
      const disclosure = { ...validateDisclosure(draft.disclosure), ...provenanceOf(draft.disclosure) };
      const r = await publishInTransaction(trx, { bodyCode: draft.bodyCode, disclosure, publicId: draft.publicId ?? undefined, changeReason: draft.changeReason ?? undefined, publishedBy: actor.email });
      published = r;
      await repo.setDraftState(trx, id, 'published', { accountId: actor.id, publishedVersionId: r.versionId });
    } else {
      await repo.setDraftState(trx, id, move.to as never, { accountId: actor.id, submitted: action === 'submit' });
    }
    await audit(trx, { action: `draft.${action}`, actorId: actor.id, entity: 'draft', entityId: id, bodyId: draft.bodyId, ip, details: { from: draft.state, to: move.to, ...(published ?? {}) } });
    return { state: move.to, published };
  });
}

export async function addReviewComment(db: Kysely<DB>, actor: Actor, id: number, item: string, comment: string, ip: string | null) {
  authorizeReview(actor);
  if (!comment.trim()) throw validationError([{ field: 'comment', code: 'REQUIRED', message: '「의견」을 입력하십시오.', messageEn: 'A comment is required.' }]);
  await db.transaction().execute(async (trx) => {
    const draft = await repo.findDraft(trx, id, null);
    if (!draft) throw notFound();
    await repo.insertComment(trx, { draftId: id, item: item.slice(0, 200), comment: comment.trim().slice(0, 4000), authorId: actor.id });
    await audit(trx, { action: 'draft.comment', actorId: actor.id, entity: 'draft', entityId: id, bodyId: draft.bodyId, ip });
  });
}

export async function bodyIdOf(db: Kysely<DB>, code: string) {
  return (await findBodyByCode(db, code))?.id;
}
