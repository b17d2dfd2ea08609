import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../../platform/auth/secrets.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';

/**
 * Spam protection of the public question form, without accounts or third-party captchas:
 * a honeypot field, a signed form timestamp (too fast = a bot, too old = a replayed form),
 * and (in the service) database rate limits per hashed address and per service.
 *
 * The secret comes from QUESTION_SECRET; without it each process makes its own, which is fine
 * for one process but means forms rendered by one server are refused by another: set it when
 * running several.
 */
const SECRET = process.env.QUESTION_SECRET || randomBytes(32).toString('base64url');

export const HONEYPOT_FIELD = 'homepage_url';
export const STAMP_FIELD = 'stamp';
export const MAX_FORM_AGE_MS = 2 * 60 * 60 * 1000;

/** Read per request so tests (and operators) can change it: QUESTION_MIN_AGE_MS, default 3 s. */
export function minFormAgeMs(): number {
  const v = Number(process.env.QUESTION_MIN_AGE_MS);
  return Number.isFinite(v) && v >= 0 ? v : 3000;
}

const hmac = (value: string) => createHmac('sha256', SECRET).update(value).digest('base64url');

/** A stamp for a form rendered now, bound to the service it is about. */
export function formStamp(publicId: string, now = Date.now()): string {
  return `${now}.${hmac(`ask:${publicId}:${now}`)}`;
}

/** A salted hash of the sender's address: enough to rate-limit, useless to identify anyone. */
export function hashIp(ip: string): string {
  return hmac(`ip:${ip}`);
}

const problem = (code: string, message: string, messageEn: string): FieldProblem => ({ field: 'form', code, message, messageEn });

/** Why a submission is refused before its content is even looked at; undefined when it may proceed. */
export function spamCheck(publicId: string, body: Record<string, unknown>, now = Date.now()): FieldProblem | undefined {
  const honeypot = body[HONEYPOT_FIELD];
  if (typeof honeypot === 'string' && honeypot.trim() !== '') {
    return problem('SPAM_SUSPECTED', '자동 전송으로 판단되어 보내지 않았습니다. 「홈페이지」 칸을 비우고 다시 보내 주십시오.', 'This looked like an automated submission and was not sent. Leave the "homepage" field empty and send again.');
  }
  const stamp = typeof body[STAMP_FIELD] === 'string' ? (body[STAMP_FIELD] as string) : '';
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(stamp);
  if (!m || !safeEqual(m[2], hmac(`ask:${publicId}:${m[1]}`))) {
    return problem('FORM_INVALID', '양식 확인 정보가 올바르지 않습니다. 페이지를 새로 고친 뒤 다시 보내 주십시오.', 'The form check failed; reload the page and send again.');
  }
  const age = now - Number(m[1]);
  if (age < minFormAgeMs()) {
    return problem('TOO_FAST', '양식이 너무 빨리 제출되었습니다. 내용을 확인하고 몇 초 뒤에 다시 보내 주십시오.', 'The form was sent too quickly; check it and send again in a few seconds.');
  }
  if (age > MAX_FORM_AGE_MS) {
    return problem('FORM_EXPIRED', '양식이 열린 지 2시간이 지나 만료되었습니다. 입력한 내용을 확인하고 다시 보내 주십시오.', 'The form expired (open for more than 2 hours); check your text and send again.');
  }
  return undefined;
}
