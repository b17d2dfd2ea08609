import { sql, type Kysely } from 'kysely';

/**
 * Survey campaigns (조사) with one task per body, the confirmations of each published service,
 * the review log of the review cycle, and the outbox of mail (reminders) sent by SMTP.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table campaigns (
      id serial primary key,
      title text not null check (length(title) between 1 and 200),
      description text,
      opens_on date not null,
      deadline date not null,
      state text not null default 'open' check (state in ('open','closed')),
      created_by int references accounts(id),
      created_at timestamptz not null default now(),
      closed_at timestamptz,
      closed_by int references accounts(id),
      check (deadline >= opens_on),
      check ((state = 'closed') = (closed_at is not null))
    )`.execute(db);
  await sql`
    create table campaign_tasks (
      id serial primary key,
      campaign_id int not null references campaigns(id),
      body_id int not null references bodies(id),
      state text not null default 'pending' check (state in ('pending','answered')),
      answer_kind text check (answer_kind in ('new_services','changes','no_new_service')),
      no_new_service boolean not null default false,
      new_draft_ids int[] not null default '{}',
      note text,
      answered_at timestamptz,
      answered_by int references accounts(id),
      unique (campaign_id, body_id),
      check ((state = 'answered') = (answer_kind is not null and answered_at is not null))
    )`.execute(db);
  await sql`create index campaign_tasks_body_idx on campaign_tasks(body_id, state)`.execute(db);
  // Each published service of the body: confirmed unchanged, or a change proposed (with its draft).
  await sql`
    create table campaign_confirmations (
      task_id int not null references campaign_tasks(id),
      service_id int not null references services(id),
      outcome text not null check (outcome in ('unchanged','change_proposed')),
      draft_id int references drafts(id),
      confirmed_by int references accounts(id),
      confirmed_at timestamptz not null default now(),
      primary key (task_id, service_id),
      check (outcome <> 'change_proposed' or draft_id is not null)
    )`.execute(db);
  // The review cycle: a published version counts as a review; so does a confirmation logged here.
  await sql`
    create table service_reviews (
      id serial primary key,
      service_id int not null references services(id),
      reviewed_at timestamptz not null default now(),
      reviewed_by int references accounts(id),
      source text not null check (source in ('campaign','officer')),
      campaign_id int references campaigns(id)
    )`.execute(db);
  await sql`create index service_reviews_service_idx on service_reviews(service_id, reviewed_at desc)`.execute(db);
  await sql`
    create table mail_outbox (
      id serial primary key,
      to_address text not null,
      subject text not null,
      body_text text not null,
      created_at timestamptz not null default now(),
      send_after timestamptz not null default now(),
      sent_at timestamptz,
      attempts int not null default 0,
      last_error text,
      dedupe_key text unique
    )`.execute(db);
  await sql`create index mail_outbox_unsent_idx on mail_outbox(send_after) where sent_at is null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the registry schema is not rolled back; restore a backup instead');
}
