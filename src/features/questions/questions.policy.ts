import type { Actor } from '../accounts/actor.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';

/** Which questions an actor may see: officers their own body's services'; reviewers and administrators all. */
export function questionScope(actor: Actor): number | null {
  if (actor.role === 'officer') return actor.bodyId ?? -1;
  return null;
}

/** Answering: officers of the owning body, reviewers, administrators. Another body's question answers like a missing one. */
export function authorizeAnswer(actor: Actor, question: { bodyId: number } | undefined): asserts question is { bodyId: number } {
  if (!question) throw notFound();
  if (actor.role === 'officer' && actor.bodyId !== question.bodyId) throw notFound();
}

/** Hiding spam: reviewers and administrators only. */
export function authorizeHide(actor: Actor) {
  if (actor.role !== 'reviewer' && actor.role !== 'admin') {
    throw new AppError(403, 'FORBIDDEN', '질문 숨기기는 검토자와 관리자만 할 수 있습니다.', 'Only reviewers and administrators can hide questions.');
  }
}

/** The backlog overview across bodies: administrators only. */
export function authorizeOverview(actor: Actor) {
  if (actor.role !== 'admin') {
    throw new AppError(403, 'FORBIDDEN', '관리자만 볼 수 있습니다.', 'Administrators only.');
  }
}
