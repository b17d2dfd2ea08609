import { AppError, notFound } from '../../platform/http/errors.ts';
import type { Actor } from '../accounts/actor.ts';

/** Campaigns are opened, followed and closed by administrators. */
export function authorizeManage(actor: Actor) {
  if (actor.role !== 'admin') throw new AppError(403, 'FORBIDDEN', '조사는 관리자만 관리할 수 있습니다.', 'Only administrators manage surveys.');
}

/** Which tasks an actor may see: officers their own body's; administrators all; reviewers none. */
export function taskScope(actor: Actor): number | null {
  if (actor.role === 'admin') return null;
  if (actor.role === 'officer' && actor.bodyId) return actor.bodyId;
  return -1;
}

/** Only an officer of the task's body answers it; anyone else is told it does not exist. */
export function authorizeAnswer(actor: Actor, task: { bodyId: number } | undefined): asserts task is { bodyId: number } {
  if (!task) throw notFound();
  if (actor.role !== 'officer' || actor.via !== 'session' || actor.bodyId !== task.bodyId) throw notFound();
}

/** An officer confirms the review of their own body's services. */
export function authorizeReview(actor: Actor, service: { bodyId: number } | undefined): asserts service is { bodyId: number } {
  if (!service) throw notFound();
  if (actor.role !== 'officer' || actor.bodyId !== service.bodyId) throw notFound();
}
