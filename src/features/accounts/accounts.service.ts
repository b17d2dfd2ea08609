import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../platform/db/types.ts';
import { AppError, problemsFromZod, validationError } from '../../platform/http/errors.ts';
import { dummyHash, hashPassword, newSecret, sha256, verifyPassword } from '../../platform/auth/secrets.ts';
import { audit } from '../audit/audit.repository.ts';
import { findBodyByCode } from '../bodies/bodies.repository.ts';
import * as repo from './accounts.repository.ts';
import type { Actor, Role } from './actor.ts';

export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;
export const SESSION_HOURS = 12;
const IDLE_MINUTES = 120;

const loginFailed = () => new AppError(401, 'LOGIN_FAILED', '전자우편 또는 비밀번호가 올바르지 않습니다.', 'Wrong email or password.');

/** Password login. Failures are counted per account; the account locks for a while after 5. */
export async function login(db: Kysely<DB>, input: { email: string; password: string; ip: string | null; userAgent: string | null }) {
  const email = input.email.trim().toLowerCase();
  const account = await repo.findAccountByEmail(db, email);
  if (!account) {
    await verifyPassword(input.password, await dummyHash());
    await audit(db, { action: 'login.failure', actorLabel: email.slice(0, 200), ip: input.ip, details: { reason: 'unknown_account' } });
    throw loginFailed();
  }
  if (account.lockedUntil && account.lockedUntil > new Date()) {
    await audit(db, { action: 'login.failure', actorId: account.id, ip: input.ip, details: { reason: 'locked' } });
    throw new AppError(423, 'ACCOUNT_LOCKED', `로그인 실패가 반복되어 계정이 잠겼습니다. ${LOCK_MINUTES}분 뒤에 다시 시도하거나 관리자에게 문의하십시오.`, `The account is locked after repeated failures; try again in ${LOCK_MINUTES} minutes.`);
  }
  const ok = !account.disabled && (await verifyPassword(input.password, account.passwordHash));
  if (!ok) {
    await db.transaction().execute(async (trx) => {
      await repo.recordFailedLogin(trx, account.id, LOCK_AFTER, LOCK_MINUTES);
      await audit(trx, { action: 'login.failure', actorId: account.id, bodyId: account.bodyId, ip: input.ip, details: { reason: account.disabled ? 'disabled' : 'password' } });
    });
    throw loginFailed();
  }
  return db.transaction().execute(async (trx) => {
    await repo.resetFailedLogins(trx, account.id);
    const session = await startSession(trx as unknown as Kysely<DB>, account.id, input.ip, input.userAgent);
    await audit(trx, { action: 'login.success', actorId: account.id, bodyId: account.bodyId, ip: input.ip });
    return session;
  });
}

/** A new session id every time (no fixation): the cookie gets the secret, the database its hash. */
export async function startSession(db: Kysely<DB>, accountId: number, ip: string | null, userAgent: string | null) {
  const id = newSecret();
  const csrf = newSecret();
  await repo.insertSession(db, { idHash: sha256(id), accountId, csrf, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000), ip, userAgent: userAgent?.slice(0, 300) ?? null });
  return { id, csrf };
}

/** Resolves a session cookie to an actor; idle or expired sessions are gone. */
export async function resolveSession(db: Kysely<DB>, sessionId: string): Promise<Actor | undefined> {
  const idHash = sha256(sessionId);
  const s = await repo.findSession(db, idHash);
  if (!s || s.disabled) return undefined;
  if (Date.now() - new Date(s.lastSeenAt).getTime() > IDLE_MINUTES * 60_000) {
    await repo.deleteSession(db, idHash);
    return undefined;
  }
  if (Date.now() - new Date(s.lastSeenAt).getTime() > 60_000) await repo.touchSession(db, idHash);
  return { id: s.id, email: s.email, name: s.name, role: s.role, bodyId: s.bodyId, bodyCode: s.bodyCode, bodyNameKo: s.bodyNameKo, via: 'session', csrf: s.csrf, sessionHash: idHash };
}

/** A token's last use is recorded to the minute (shown under 내 계정 → API 토큰). */
const TOKEN_TOUCH_MS = 60_000;

export async function resolveApiToken(db: Kysely<DB>, token: string): Promise<Actor | undefined> {
  const t = await repo.findApiToken(db, sha256(token));
  if (!t || t.disabled) return undefined;
  const now = new Date();
  if (!t.lastUsedAt || now.getTime() - new Date(t.lastUsedAt).getTime() > TOKEN_TOUCH_MS) await repo.touchApiToken(db, t.tokenId, now, TOKEN_TOUCH_MS);
  // A token acts as a registering officer of its body, whatever the owner's role.
  return { id: t.id, email: t.email, name: t.name, role: 'officer', bodyId: t.bodyId, bodyCode: t.bodyCode, bodyNameKo: t.bodyNameKo, via: 'token' };
}

export async function logout(db: Kysely<DB>, actor: Actor, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    if (actor.sessionHash) await repo.deleteSession(trx, actor.sessionHash);
    await audit(trx, { action: 'logout', actorId: actor.id, ip });
  });
}

const passwordSchema = z.string().min(12).max(200);

export async function changePassword(db: Kysely<DB>, actor: Actor, input: { current: string; next: string; confirm: string }, ip: string | null) {
  const account = await repo.findAccountById(db, actor.id);
  if (!account || !(await verifyPassword(input.current, account.passwordHash))) {
    throw validationError([{ field: 'current', code: 'WRONG_PASSWORD', message: '현재 비밀번호가 올바르지 않습니다.', messageEn: 'The current password is wrong.' }]);
  }
  const parsed = passwordSchema.safeParse(input.next);
  if (!parsed.success) throw validationError([{ field: 'next', code: 'PASSWORD_TOO_SHORT', message: '새 비밀번호는 12자 이상이어야 합니다.', messageEn: 'The new password needs at least 12 characters.' }]);
  if (input.next !== input.confirm) throw validationError([{ field: 'confirm', code: 'PASSWORD_MISMATCH', message: '새 비밀번호 확인이 일치하지 않습니다.', messageEn: 'The confirmation does not match.' }]);
  const hash = await hashPassword(input.next);
  await db.transaction().execute(async (trx) => {
    await repo.setPassword(trx, actor.id, hash);
    await repo.deleteSessionsOf(trx, actor.id, actor.sessionHash); // sign out everywhere else
    await audit(trx, { action: 'account.password_change', actorId: actor.id, entity: 'account', entityId: actor.id, ip });
  });
}

export const accountInputSchema = z.object({
  email: z.email().max(200),
  name: z.string().trim().min(1).max(100),
  role: z.enum(['officer', 'reviewer', 'admin']),
  body: z.string().trim().max(40).optional(),
  password: z.string().min(12).max(200),
});

const ACCOUNT_LABELS: Record<string, { ko: string; en: string }> = {
  email: { ko: '전자우편', en: 'Email' }, name: { ko: '이름', en: 'Name' }, role: { ko: '역할', en: 'Role' }, body: { ko: '소속 기관', en: 'Body' }, password: { ko: '초기 비밀번호 (12자 이상)', en: 'Initial password (12+ characters)' },
};

async function bodyIdFor(db: Kysely<DB>, role: Role, code: string | undefined): Promise<number | null> {
  if (!code) {
    if (role === 'officer') throw validationError([{ field: 'body', code: 'REQUIRED', message: '등록 담당자는 소속 기관을 지정해야 합니다.', messageEn: 'An officer needs a body.' }]);
    return null;
  }
  const body = await findBodyByCode(db, code);
  if (!body) throw validationError([{ field: 'body', code: 'UNKNOWN_BODY', message: `기관코드 ${code} 가 없습니다.`, messageEn: `Unknown body ${code}.` }]);
  return body.id;
}

export async function createAccount(db: Kysely<DB>, admin: Actor | null, input: unknown, ip: string | null) {
  const parsed = accountInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(problemsFromZod(parsed.error, (p) => ACCOUNT_LABELS[p]));
  const a = parsed.data;
  const bodyId = await bodyIdFor(db, a.role, a.body || undefined);
  if (await repo.findAccountByEmail(db, a.email)) throw validationError([{ field: 'email', code: 'EMAIL_TAKEN', message: '이미 등록된 전자우편입니다.', messageEn: 'This email already has an account.' }]);
  const hash = await hashPassword(a.password);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertAccount(trx, { email: a.email, name: a.name, role: a.role, bodyId, passwordHash: hash });
    await audit(trx, { action: 'account.create', actorId: admin?.id ?? null, actorLabel: admin ? null : 'cli', entity: 'account', entityId: id, bodyId, ip, details: { email: a.email, role: a.role } });
    return id;
  });
}

/** Role, body or disabled changes end the account's sessions: privileges change only with a new login. */
export async function updateAccountByAdmin(db: Kysely<DB>, admin: Actor, id: number, patch: { role?: Role; body?: string; disabled?: boolean }, ip: string | null) {
  const account = await repo.findAccountById(db, id);
  if (!account) throw new AppError(404, 'NOT_FOUND', '계정을 찾을 수 없습니다.', 'Account not found.');
  const role = patch.role ?? account.role;
  const bodyId = patch.body !== undefined || patch.role ? await bodyIdFor(db, role, patch.body ?? account.bodyCode ?? undefined) : account.bodyId;
  if (admin.id === id && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
    throw new AppError(400, 'SELF_LOCKOUT', '자기 자신의 관리자 권한을 해제하거나 계정을 비활성화할 수 없습니다.', 'You cannot demote or disable yourself.');
  }
  await db.transaction().execute(async (trx) => {
    await repo.updateAccount(trx, id, { role, bodyId, disabled: patch.disabled });
    await repo.deleteSessionsOf(trx, id);
    await audit(trx, { action: patch.disabled === true ? 'account.disable' : patch.disabled === false ? 'account.enable' : 'account.update', actorId: admin.id, entity: 'account', entityId: id, bodyId, ip, details: { role, bodyId, disabled: patch.disabled } });
  });
}

export async function createApiToken(db: Kysely<DB>, actor: Actor, name: string, ip: string | null) {
  if (!actor.bodyId) throw new AppError(400, 'NO_BODY', 'API 토큰은 소속 기관이 있는 계정만 만들 수 있습니다.', 'Only accounts with a body can create API tokens.');
  const clean = name.trim().slice(0, 100);
  if (!clean) throw validationError([{ field: 'name', code: 'REQUIRED', message: '「토큰 이름」을 입력하십시오.', messageEn: 'A token name is required.' }]);
  const token = 'ggr_' + newSecret();
  await db.transaction().execute(async (trx) => {
    const id = await repo.insertApiToken(trx, { tokenHash: sha256(token), accountId: actor.id, bodyId: actor.bodyId!, name: clean });
    await audit(trx, { action: 'token.create', actorId: actor.id, entity: 'api_token', entityId: id, bodyId: actor.bodyId, ip });
  });
  return token; // shown once
}
