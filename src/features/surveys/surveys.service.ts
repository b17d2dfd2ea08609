import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, notFound, problemsFromZod, validationError } from '../../platform/http/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { audit } from '../audit/audit.repository.ts';
import * as drafts from '../drafts/drafts.service.ts';
import { findPublishedService, type Db } from '../services/services.repository.ts';
import { seoulDate } from './dates.ts';
import { authorizeAnswer, authorizeManage, authorizeReview, taskScope } from './surveys.policy.ts';
import * as repo from './surveys.repository.ts';
import * as reviews from './reviews.repository.ts';
import { BODY_GROUPS, campaignForm, campaignProblems } from './surveys.schema.ts';
import type { AnswerKind } from './surveys.tables.ts';

const conflict = (code: string, message: string, messageEn: string) => new AppError(409, code, message, messageEn);

const FORM_LABELS: Record<string, { ko: string; en: string }> = {
  title: { ko: '조사 제목', en: 'Title' }, description: { ko: '설명', en: 'Description' }, opensOn: { ko: '시작일', en: 'Start date' },
  deadline: { ko: '마감일', en: 'Deadline' }, groups: { ko: '기관 구분', en: 'Body groups' }, bodies: { ko: '기관', en: 'Bodies' },
};

/** Opens a campaign: one pending task for each chosen body, in one transaction with its audit event. */
export async function createCampaign(db: Kysely<DB>, actor: Actor, input: unknown, ip: string | null): Promise<number> {
  authorizeManage(actor);
  const parsed = campaignForm.safeParse(input ?? {});
  if (!parsed.success) throw validationError(problemsFromZod(parsed.error, (path) => FORM_LABELS[path.split('.')[0]]));
  const f = parsed.data;
  const problems = campaignProblems(f);
  const kinds = [...new Set(f.groups.flatMap((g) => BODY_GROUPS[g].kinds as readonly string[]))];
  const bodyIds = problems.length ? [] : await repo.bodyIdsFor(db, kinds, f.bodies);
  if (!problems.length && bodyIds.length === 0) problems.push({ field: 'bodies', code: 'UNKNOWN_BODY', message: '선택한 기관을 찾을 수 없습니다.', messageEn: 'The chosen bodies were not found.' });
  if (problems.length) throw validationError(problems);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertCampaign(trx, { title: f.title, description: f.description || null, opensOn: f.opensOn, deadline: f.deadline, createdBy: actor.id });
    await repo.insertTasks(trx, id, bodyIds);
    await audit(trx, { action: 'campaign.create', actorId: actor.id, entity: 'campaign', entityId: id, ip, details: { title: f.title, opensOn: f.opensOn, deadline: f.deadline, bodies: bodyIds.length } });
    return id;
  });
}

/** Closes a campaign. Its tasks and answers stay as they are, read-only. */
export async function closeCampaign(db: Kysely<DB>, actor: Actor, id: number, ip: string | null, now = new Date()) {
  authorizeManage(actor);
  await db.transaction().execute(async (trx) => {
    const campaign = await repo.findCampaign(trx, id, true);
    if (!campaign) throw notFound();
    if (!(await repo.markClosed(trx, id, actor.id, now))) throw conflict('CAMPAIGN_CLOSED', '이미 종료된 조사입니다.', 'This survey is already closed.');
    const tasks = await repo.searchTasks(trx, { campaignId: id });
    await audit(trx, { action: 'campaign.close', actorId: actor.id, entity: 'campaign', entityId: id, ip, details: { tasks: tasks.length, answered: tasks.filter((t) => t.state === 'answered').length } });
  });
}

export type TaskStatus = 'answered' | 'pending' | 'overdue';

export function taskStatus(t: { state: string; deadline: string }, today: string): TaskStatus {
  if (t.state === 'answered') return 'answered';
  return t.deadline < today ? 'overdue' : 'pending';
}

/** A campaign with each body's progress and the overall numbers. */
export async function campaignProgress(db: Kysely<DB>, actor: Actor, id: number, now = new Date()) {
  authorizeManage(actor);
  const campaign = await repo.findCampaign(db, id);
  if (!campaign) throw notFound();
  const today = seoulDate(now);
  const tasks = (await repo.searchTasks(db, { campaignId: id })).map((t) => ({ ...t, status: taskStatus(t, today) }));
  const count = (p: (t: (typeof tasks)[number]) => boolean) => tasks.filter(p).length;
  const summary = {
    total: tasks.length,
    answered: count((t) => t.status === 'answered'),
    pending: count((t) => t.status === 'pending'),
    overdue: count((t) => t.status === 'overdue'),
    percent: tasks.length ? Math.round((count((t) => t.status === 'answered') / tasks.length) * 100) : 0,
    byKind: {
      new_services: count((t) => t.answerKind === 'new_services'),
      changes: count((t) => t.answerKind === 'changes'),
      no_new_service: count((t) => t.answerKind === 'no_new_service'),
    } satisfies Record<AnswerKind, number>,
  };
  return { campaign, tasks, summary, today };
}

export async function listCampaigns(db: Kysely<DB>, actor: Actor, now = new Date()) {
  authorizeManage(actor);
  return repo.listCampaigns(db, seoulDate(now));
}

/** The tasks of the officer's own body, newest campaign first. */
export async function listMyTasks(db: Kysely<DB>, actor: Actor, now = new Date()) {
  const scope = taskScope(actor);
  if (scope === null || scope < 0) return [];
  const today = seoulDate(now);
  return (await repo.searchTasks(db, { bodyId: scope })).sort((a, b) => b.campaignId - a.campaignId).map((t) => ({ ...t, status: taskStatus(t, today) }));
}

/** A task with what it asks about: the body's published services and its new-service drafts. */
export async function getTask(db: Kysely<DB>, actor: Actor, id: number, now = new Date()) {
  const task = await repo.findTask(db, id, taskScope(actor));
  if (!task) throw notFound();
  const services = await repo.taskServices(db, id, task.bodyId);
  const newDrafts = task.state === 'answered' ? await repo.draftsByIds(db, task.newDraftIds) : await repo.newServiceDrafts(db, task.bodyId, task.campaignCreatedAt);
  const canAnswer = actor.role === 'officer' && actor.bodyId === task.bodyId && task.state === 'pending' && task.campaignState === 'open';
  return { task, services, newDrafts, canAnswer, status: taskStatus(task, seoulDate(now)) };
}

function ensureAnswerable(task: repo.TaskRow) {
  if (task.campaignState === 'closed') throw conflict('CAMPAIGN_CLOSED', '종료된 조사입니다. 결과는 보존되어 있으며 더 이상 응답할 수 없습니다.', 'This survey is closed; its results are kept and no more answers are accepted.');
  if (task.state === 'answered') throw conflict('ALREADY_ANSWERED', '이미 응답을 제출한 조사입니다.', 'This task has already been answered.');
}

async function loadForAnswer(db: Db, actor: Actor, id: number, forUpdate: boolean) {
  const task = await repo.findTask(db, id, taskScope(actor), forUpdate);
  authorizeAnswer(actor, task);
  ensureAnswerable(task as repo.TaskRow);
  return task as repo.TaskRow;
}

async function serviceOfTask(db: Db, task: repo.TaskRow, publicId: string) {
  const service = (await repo.taskServices(db, task.id, task.bodyId)).find((s) => s.publicId === publicId);
  if (!service) throw notFound();
  return service;
}

/** "No change": the service is confirmed as published, which also counts as its periodic review. */
export async function confirmUnchanged(db: Kysely<DB>, actor: Actor, taskId: number, publicId: string, ip: string | null, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const task = await loadForAnswer(trx, actor, taskId, true);
    const service = await serviceOfTask(trx, task, publicId);
    await repo.saveConfirmation(trx, { taskId, serviceId: service.serviceId, outcome: 'unchanged', draftId: null, accountId: actor.id, at: now });
    await reviews.insertReview(trx, { serviceId: service.serviceId, accountId: actor.id, source: 'campaign', campaignId: task.campaignId, at: now });
    await audit(trx, { action: 'campaign.confirm', actorId: actor.id, entity: 'campaign_task', entityId: taskId, bodyId: task.bodyId, ip, details: { campaignId: task.campaignId, publicId, outcome: 'unchanged' } });
  });
}

/** "Propose a change": opens (or reuses) the service's change proposal and records it on the task. */
export async function proposeServiceChange(db: Kysely<DB>, actor: Actor, taskId: number, publicId: string, ip: string | null, now = new Date()) {
  const task = await loadForAnswer(db, actor, taskId, false);
  await serviceOfTask(db, task, publicId);
  const proposal = await drafts.proposeChange(db, actor, publicId, ip);
  await db.transaction().execute(async (trx) => {
    const again = await loadForAnswer(trx, actor, taskId, true);
    const service = await serviceOfTask(trx, again, publicId);
    await repo.saveConfirmation(trx, { taskId, serviceId: service.serviceId, outcome: 'change_proposed', draftId: proposal.id, accountId: actor.id, at: now });
    await audit(trx, { action: 'campaign.propose_change', actorId: actor.id, entity: 'campaign_task', entityId: taskId, bodyId: task.bodyId, ip, details: { campaignId: task.campaignId, publicId, draftId: proposal.id } });
  });
  return proposal.id;
}

/**
 * Submits a body's answer. Every published service must have been confirmed or have a change
 * proposed; then either new services were registered during the campaign, or the officer declares
 * explicitly that there is no new AI service (a body without any service answers this way).
 */
export async function answerTask(db: Kysely<DB>, actor: Actor, taskId: number, input: { noNewService: boolean; note?: string }, ip: string | null, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const task = await loadForAnswer(trx, actor, taskId, true);
    const services = await repo.taskServices(trx, taskId, task.bodyId);
    const newDrafts = await repo.newServiceDrafts(trx, task.bodyId, task.campaignCreatedAt);
    const problems = [];
    const open = services.filter((s) => !s.outcome);
    if (open.length) {
      problems.push({ field: 'services', code: 'UNCONFIRMED', message: `공개 서비스 ${open.length}건을 아직 확인하지 않았습니다: ${open.map((s) => s.name).join(', ')}. 각 서비스의 「변경 없음 확인」 또는 「변경 제안」을 누르십시오.`, messageEn: `${open.length} published services are not confirmed yet: ${open.map((s) => s.nameEn ?? s.name).join(', ')}.` });
    }
    if (newDrafts.length === 0 && !input.noNewService) {
      problems.push({ field: 'noNewService', code: 'REQUIRED', message: '새 AI 서비스를 등록하거나, 「신규 AI 서비스가 없습니다」를 선택하십시오.', messageEn: 'Register the new AI services, or tick "No new AI service".' });
    }
    if (newDrafts.length > 0 && input.noNewService) {
      problems.push({ field: 'noNewService', code: 'INCONSISTENT', message: `이 조사 기간에 새 서비스 ${newDrafts.length}건을 등록했으므로 「신규 AI 서비스가 없습니다」를 선택할 수 없습니다.`, messageEn: `${newDrafts.length} new services were registered during this survey, so "No new AI service" cannot be ticked.` });
    }
    if (problems.length) throw validationError(problems);
    const changes = services.filter((s) => s.outcome === 'change_proposed').length;
    const kind: AnswerKind = newDrafts.length ? 'new_services' : changes ? 'changes' : 'no_new_service';
    const note = input.note?.trim().slice(0, 4000) || null;
    if (!(await repo.markAnswered(trx, taskId, { kind, noNewService: input.noNewService, newDraftIds: newDrafts.map((d) => d.id), note, accountId: actor.id, at: now }))) {
      throw conflict('ALREADY_ANSWERED', '이미 응답을 제출한 조사입니다.', 'This task has already been answered.');
    }
    await audit(trx, { action: 'campaign.answer', actorId: actor.id, entity: 'campaign_task', entityId: taskId, bodyId: task.bodyId, ip,
      details: { campaignId: task.campaignId, kind, services: services.length, changes, newDrafts: newDrafts.map((d) => d.id), noNewService: input.noNewService } });
    return kind;
  });
}

/** An officer's check of a published record outside a campaign: it counts as its periodic review. */
export async function markReviewed(db: Kysely<DB>, actor: Actor, publicId: string, ip: string | null, now = new Date()) {
  const record = await findPublishedService(db, publicId);
  authorizeReview(actor, record ?? undefined);
  await db.transaction().execute(async (trx) => {
    await reviews.insertReview(trx, { serviceId: record!.serviceId, accountId: actor.id, source: 'officer', campaignId: null, at: now });
    await audit(trx, { action: 'service.review', actorId: actor.id, entity: 'service', entityId: publicId, bodyId: record!.bodyId, ip });
  });
}

/** Published records whose review date has passed: the actor's own body's, or all for administrators. */
export async function overdueReviews(db: Kysely<DB>, actor: Actor, months: number, now = new Date()) {
  const scope = taskScope(actor);
  if (scope !== null && scope < 0) return [];
  return reviews.reviewStatus(db, { today: seoulDate(now), months, overdueOnly: true, ...(scope !== null ? { bodyId: scope } : {}) });
}
