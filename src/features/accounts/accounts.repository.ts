import { sql } from 'kysely';
import type { Db } from '../services/services.repository.ts';
import type { Role } from './actor.ts';

const accountColumns = ['a.id', 'a.email', 'a.name', 'a.role', 'a.body_id as bodyId', 'a.disabled', 'a.failed_logins as failedLogins', 'a.locked_until as lockedUntil', 'a.created_at as createdAt'] as const;

export async function findAccountByEmail(db: Db, email: string) {
  return db.selectFrom('accounts as a').where('a.email', '=', email.toLowerCase()).select([...accountColumns, 'a.password_hash as passwordHash']).executeTakeFirst();
}

export async function findAccountById(db: Db, id: number) {
  return db.selectFrom('accounts as a').leftJoin('bodies as b', 'b.id', 'a.body_id').where('a.id', '=', id)
    .select([...accountColumns, 'a.password_hash as passwordHash', 'b.code as bodyCode', 'b.name_ko as bodyNameKo']).executeTakeFirst();
}

export async function listAccounts(db: Db) {
  return db.selectFrom('accounts as a').leftJoin('bodies as b', 'b.id', 'a.body_id')
    .select([...accountColumns, 'b.code as bodyCode', 'b.name_ko as bodyNameKo']).orderBy('a.role').orderBy('a.email').execute();
}

export async function insertAccount(db: Db, a: { email: string; name: string; role: Role; bodyId: number | null; passwordHash: string | null }) {
  const row = await db.insertInto('accounts').values({ email: a.email.toLowerCase(), name: a.name, role: a.role, body_id: a.bodyId, password_hash: a.passwordHash, password_changed_at: new Date(), oidc_subject: null, locked_until: null })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAccount(db: Db, id: number, patch: { role?: Role; bodyId?: number | null; disabled?: boolean; name?: string }) {
  await db.updateTable('accounts').set({
    ...(patch.role ? { role: patch.role } : {}), ...(patch.bodyId !== undefined ? { body_id: patch.bodyId } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}), ...(patch.name ? { name: patch.name } : {}),
  }).where('id', '=', id).execute();
}

export async function setPassword(db: Db, id: number, hash: string) {
  await db.updateTable('accounts').set({ password_hash: hash, password_changed_at: new Date() }).where('id', '=', id).execute();
}

export async function recordFailedLogin(db: Db, id: number, lockAfter: number, lockMinutes: number) {
  await sql`update accounts set failed_logins = failed_logins + 1,
      locked_until = case when failed_logins + 1 >= ${lockAfter} then now() + make_interval(mins => ${lockMinutes}) else locked_until end
    where id = ${id}`.execute(db);
}

export async function resetFailedLogins(db: Db, id: number) {
  await db.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}

// ---- sessions ----

export async function insertSession(db: Db, s: { idHash: string; accountId: number; csrf: string; expiresAt: Date; ip: string | null; userAgent: string | null }) {
  await db.insertInto('sessions').values({ id_hash: s.idHash, account_id: s.accountId, csrf_token: s.csrf, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent }).execute();
}

export async function findSession(db: Db, idHash: string) {
  return db.selectFrom('sessions as s').innerJoin('accounts as a', 'a.id', 's.account_id').leftJoin('bodies as b', 'b.id', 'a.body_id')
    .where('s.id_hash', '=', idHash).where('s.expires_at', '>', new Date())
    .select(['s.id_hash as idHash', 's.csrf_token as csrf', 's.last_seen_at as lastSeenAt', 'a.id', 'a.email', 'a.name', 'a.role', 'a.body_id as bodyId', 'a.disabled', 'b.code as bodyCode', 'b.name_ko as bodyNameKo'])
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string) {
  await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOf(db: Db, accountId: number, exceptHash?: string) {
  let q = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (exceptHash) q = q.where('id_hash', '<>', exceptHash);
  await q.execute();
}

// ---- API tokens ----

export async function insertApiToken(db: Db, t: { tokenHash: string; accountId: number; bodyId: number; name: string }) {
  return (await db.insertInto('api_tokens').values({ token_hash: t.tokenHash, account_id: t.accountId, body_id: t.bodyId, name: t.name, last_used_at: null, revoked_at: null }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findApiToken(db: Db, tokenHash: string) {
  return db.selectFrom('api_tokens as t').innerJoin('accounts as a', 'a.id', 't.account_id').innerJoin('bodies as b', 'b.id', 't.body_id')
    .where('t.token_hash', '=', tokenHash).where('t.revoked_at', 'is', null)
    .select(['t.id as tokenId', 't.last_used_at as lastUsedAt', 'a.id', 'a.email', 'a.name', 'a.role', 'a.disabled', 't.body_id as bodyId', 'b.code as bodyCode', 'b.name_ko as bodyNameKo'])
    .executeTakeFirst();
}

/** Records that a token was used, at most once per `everyMs` (a busy client does not write on every request). */
export async function touchApiToken(db: Db, tokenId: number, at: Date, everyMs: number) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(at.getTime() - everyMs))]))
    .execute();
}

export async function listApiTokens(db: Db, accountId: number) {
  return db.selectFrom('api_tokens').where('account_id', '=', accountId).select(['id', 'name', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt']).orderBy('id', 'desc').execute();
}

export async function revokeApiToken(db: Db, accountId: number, id: number) {
  const r = await db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).where('account_id', '=', accountId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
