import { createTransport } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import * as outbox from './outbox.repository.ts';

/** What the mail feature needs from the environment. */
export interface MailConfig {
  smtpUrl: string | undefined; // smtp://user:pass@host:port or smtps://…; unset: mail stays in the outbox
  from: string;
  publicUrl: string; // prefix for links in mail ('' gives paths only)
}

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  return {
    smtpUrl: env.SMTP_URL || undefined,
    from: env.MAIL_FROM || '경기도 AI 등록부 <noreply@localhost>',
    publicUrl: (env.PUBLIC_URL ?? '').replace(/\/+$/, ''),
  };
}

/** The part of a nodemailer transport the outbox uses (a fake in unit tests, SMTP otherwise). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close?(): void;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  return createTransport(smtpUrl);
}

/**
 * Sends due mail from the outbox, oldest first. Each mail is claimed before it is sent (safe with
 * several senders); a failure is recorded on the row and retried later, up to `maxAttempts`.
 */
export async function sendOutbox(db: Kysely<DB>, transport: MailTransport, opts: { from: string; now?: Date; limit?: number; maxAttempts?: number }) {
  const now = opts.now ?? new Date();
  const maxAttempts = opts.maxAttempts ?? 8;
  const due = await outbox.claimDueMail(db, now, opts.limit ?? 200, maxAttempts);
  let sent = 0;
  let failed = 0;
  for (const m of due) {
    try {
      await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text });
      await outbox.markSent(db, m.id, new Date());
      sent++;
    } catch (error) {
      failed++;
      const retryAt = new Date(now.getTime() + Math.min(2 ** m.attempts, 64) * 5 * 60_000);
      await outbox.markFailed(db, m.id, error instanceof Error ? error.message : String(error), retryAt);
    }
  }
  return { sent, failed };
}
