import type { Generated } from 'kysely';

/** Mail waiting to be sent (or sent): reminders are queued once per dedupe key. */
export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: Generated<Date>;
  send_after: Generated<Date>;
  sent_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
  dedupe_key: string | null;
}

export interface MailDB {
  mail_outbox: MailOutboxTable;
}
