import { sql } from 'kysely';
import type { Db } from '../services/services.repository.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  dedupeKey?: string;
  sendAfter?: Date;
}

/** Queues mail; a row whose dedupe key is already there is skipped. Returns how many were queued. */
export async function enqueueMail(db: Db, mails: OutgoingMail[]): Promise<number> {
  if (mails.length === 0) return 0;
  const rows = await db.insertInto('mail_outbox').values(mails.map((m) => ({
    to_address: m.to, subject: m.subject, body_text: m.text, dedupe_key: m.dedupeKey ?? null, sent_at: null, last_error: null,
    ...(m.sendAfter ? { send_after: m.sendAfter } : {}),
  }))).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('id').execute();
  return rows.length;
}

/**
 * Claims up to `limit` unsent mails that are due: their attempt is counted and they are leased
 * for `leaseMinutes`, so a second sender (another server, the CLI) skips them meanwhile.
 */
export async function claimDueMail(db: Db, now: Date, limit: number, maxAttempts: number, leaseMinutes = 10) {
  const r = await sql<{ id: number; to: string; subject: string; text: string; attempts: number }>`
    update mail_outbox set attempts = attempts + 1, send_after = ${now}::timestamptz + make_interval(mins => ${leaseMinutes})
    where id in (
      select id from mail_outbox
      where sent_at is null and send_after <= ${now} and attempts < ${maxAttempts}
      order by id limit ${limit} for update skip locked)
    returning id, to_address as "to", subject, body_text as "text", attempts`.execute(db);
  return r.rows.sort((a, b) => a.id - b.id);
}

export async function markSent(db: Db, id: number, at: Date) {
  await db.updateTable('mail_outbox').set({ sent_at: at, last_error: null }).where('id', '=', id).execute();
}

/** A failed attempt: kept with its error, tried again later (backing off with each attempt). */
export async function markFailed(db: Db, id: number, error: string, retryAt: Date) {
  await db.updateTable('mail_outbox').set({ last_error: error.slice(0, 1000), send_after: retryAt }).where('id', '=', id).execute();
}

export async function outboxSummary(db: Db) {
  const r = await db.selectFrom('mail_outbox').select([
    sql<number>`count(*) filter (where sent_at is null)::int`.as('unsent'),
    sql<number>`count(*) filter (where sent_at is not null)::int`.as('sent'),
    sql<number>`count(*) filter (where sent_at is null and last_error is not null)::int`.as('failing'),
  ]).executeTakeFirstOrThrow();
  return { unsent: Number(r.unsent), sent: Number(r.sent), failing: Number(r.failing) };
}

export async function listOutbox(db: Db, limit = 50) {
  return db.selectFrom('mail_outbox')
    .select(['id', 'to_address as to', 'subject', 'created_at as createdAt', 'send_after as sendAfter', 'sent_at as sentAt', 'attempts', 'last_error as lastError'])
    .orderBy(sql`sent_at is null`, 'desc').orderBy('id', 'desc').limit(limit).execute();
}
