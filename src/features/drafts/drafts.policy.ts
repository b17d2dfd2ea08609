import type { Actor } from '../accounts/actor.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';

/** Which drafts an actor may see: officers their own body's; reviewers and administrators all. */
export function draftScope(actor: Actor): number | null {
  if (actor.role === 'officer') return actor.bodyId ?? -1;
  return null;
}

/** Officers write their own body's drafts; a denied write answers like a missing record. */
export function authorizeEdit(actor: Actor, draft: { bodyId: number } | undefined): asserts draft is { bodyId: number } {
  if (!draft) throw notFound();
  if (actor.role !== 'officer' || actor.bodyId !== draft.bodyId) throw notFound();
}

export function authorizeReview(actor: Actor) {
  if (actor.role !== 'reviewer' && actor.role !== 'admin') {
    throw new AppError(403, 'FORBIDDEN', '검토 권한이 없습니다.', 'Reviewer role required.');
  }
}

export function authorizeCreate(actor: Actor) {
  if (actor.role !== 'officer' || !actor.bodyId) {
    throw new AppError(403, 'FORBIDDEN', '서비스 등록은 기관의 등록 담당자만 할 수 있습니다.', 'Only a registering officer of a body can register services.');
  }
}
