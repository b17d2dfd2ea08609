import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, notFound, validationError } from '../../platform/http/errors.ts';
import { takeToken } from '../../platform/http/db-rate-limit.ts';
import type { Actor } from '../accounts/actor.ts';
import { audit } from '../audit/audit.repository.ts';
import { mailConfigFromEnv } from '../mail/mail.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import { findPublishedService } from '../services/services.repository.ts';
import { answeredMail } from './questions.mail.ts';
import { authorizeAnswer, authorizeHide, authorizeOverview, questionScope } from './questions.policy.ts';
import * as repo from './questions.repository.ts';
import { answerSchema, askSchema, questionProblems } from './questions.schema.ts';

const HOUR = 60 * 60 * 1000;
/** Per sender (hashed address) and per service, across all servers (the counters live in the database). */
export const LIMITS = { perIp: 5, perService: 30, windowMs: HOUR };

const conflict = (message: string, messageEn: string) => new AppError(409, 'CONFLICT', message, messageEn);

/** The public service a question may be asked about; an unknown id is a 404. */
export async function askableService(db: Kysely<DB>, publicId: string) {
  const record = await findPublishedService(db, publicId);
  if (!record) throw notFound();
  return record;
}

/**
 * A resident's question or error report. Only a salted hash of their address is kept; it counts
 * against the limits inside the same transaction as the insert, so a refused request uses nothing.
 */
export async function askQuestion(db: Kysely<DB>, publicId: string, input: unknown, sender: { ipHash: string }) {
  const record = await askableService(db, publicId);
  const parsed = askSchema.safeParse(input);
  if (!parsed.success) throw validationError(questionProblems(parsed.error));
  const v = parsed.data;
  return db.transaction().execute(async (trx) => {
    const byIp = await takeToken(trx, `question:ip:${sender.ipHash}`, LIMITS.perIp, LIMITS.windowMs);
    const byService = byIp && (await takeToken(trx, `question:service:${record.serviceId}`, LIMITS.perService, LIMITS.windowMs));
    if (!byIp || !byService) {
      throw new AppError(429, 'RATE_LIMITED',
        byIp ? '이 서비스에 질문이 많이 몰려 잠시 받지 않고 있습니다. 한 시간 뒤에 다시 보내 주십시오.' : `질문과 오류 신고는 한 시간에 ${LIMITS.perIp}건까지 보낼 수 있습니다. 한 시간 뒤에 다시 보내 주십시오.`,
        byIp ? 'This service is receiving many questions right now; please try again in an hour.' : `You can send at most ${LIMITS.perIp} questions or reports per hour; please try again later.`);
    }
    const id = await repo.insertQuestion(trx, { serviceId: record.serviceId, kind: v.kind, text: v.text, authorName: v.name ?? null, authorEmail: v.email?.toLowerCase() ?? null, ipHash: sender.ipHash });
    await audit(trx, { action: 'question.ask', actorLabel: 'public', entity: 'question', entityId: id, bodyId: record.bodyId, details: { publicId, kind: v.kind } });
    return { id, publicId };
  });
}

export async function listQuestions(db: Kysely<DB>, actor: Actor, states: repo.QuestionState[]) {
  return repo.searchQuestions(db, { scopeBodyId: questionScope(actor), states });
}

export async function getQuestion(db: Kysely<DB>, actor: Actor, id: number) {
  const question = await repo.findQuestion(db, id, questionScope(actor));
  authorizeAnswer(actor, question);
  return question as repo.QuestionRow;
}

/**
 * Answers (or corrects the answer to) a question; the answer is public on the service page from then
 * on. When the resident left an address, a mail telling them is queued in the same transaction.
 */
export async function answerQuestion(db: Kysely<DB>, actor: Actor, id: number, input: { answer?: unknown }, ip: string | null, opts: { publicUrl?: string } = {}) {
  return db.transaction().execute(async (trx) => {
    const question = await repo.findQuestion(trx, id, questionScope(actor), true);
    authorizeAnswer(actor, question);
    const parsed = answerSchema.safeParse({ answer: typeof input.answer === 'string' ? input.answer : undefined });
    if (!parsed.success) throw validationError(questionProblems(parsed.error));
    const q = question as repo.QuestionRow;
    if (q.state === 'hidden') throw conflict('숨긴 질문에는 답변할 수 없습니다.', 'A hidden question cannot be answered.');
    await repo.setAnswer(trx, id, parsed.data.answer, actor.id);
    const mail = answeredMail(q, parsed.data.answer, { corrected: q.state === 'answered', publicUrl: opts.publicUrl ?? mailConfigFromEnv().publicUrl });
    const mailed = mail ? (await enqueueMail(trx, [mail])) > 0 : false;
    await audit(trx, { action: 'question.answer', actorId: actor.id, entity: 'question', entityId: id, bodyId: q.bodyId, ip, details: { from: q.state, publicId: q.publicId, mailed } });
    return { publicId: q.publicId, corrected: q.state === 'answered' };
  });
}

/** Hides spam or abuse: it leaves every list and the public page; the row and its audit trail stay. */
export async function hideQuestion(db: Kysely<DB>, actor: Actor, id: number, ip: string | null) {
  authorizeHide(actor);
  return db.transaction().execute(async (trx) => {
    const q = await repo.findQuestion(trx, id, null, true);
    if (!q) throw notFound();
    if (q.state === 'hidden') return;
    await repo.setHidden(trx, id);
    await audit(trx, { action: 'question.hide', actorId: actor.id, entity: 'question', entityId: id, bodyId: q.bodyId, ip, details: { from: q.state, publicId: q.publicId } });
  });
}

export async function backlogOverview(db: Kysely<DB>, actor: Actor, sort: repo.BacklogSort) {
  authorizeOverview(actor);
  return repo.unansweredPerBody(db, sort);
}
