import { sql, type Kysely } from 'kysely';

/** Accounts, sessions, API tokens, drafts with their workflow, review comments, audit log, public questions. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table accounts (
      id serial primary key,
      email text not null unique check (email = lower(email)),
      name text not null,
      role text not null check (role in ('officer','reviewer','admin')),
      body_id int references bodies(id),
      password_hash text,
      oidc_subject text unique,
      disabled boolean not null default false,
      failed_logins int not null default 0,
      locked_until timestamptz,
      password_changed_at timestamptz,
      created_at timestamptz not null default now(),
      check (role <> 'officer' or body_id is not null)
    )`.execute(db);
  await sql`
    create table sessions (
      id_hash text primary key,
      account_id int not null references accounts(id),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_account_idx on sessions(account_id)`.execute(db);
  await sql`
    create table api_tokens (
      id serial primary key,
      token_hash text not null unique,
      account_id int not null references accounts(id),
      body_id int not null references bodies(id),
      name text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  // The workflow is data: which role may take which action from which state, and where it leads.
  await sql`
    create table workflow_transitions (
      from_state text not null,
      action text not null,
      to_state text not null,
      role text not null,
      primary key (from_state, action, role)
    )`.execute(db);
  await sql`insert into workflow_transitions (from_state, action, to_state, role) values
    ('draft','submit','submitted','officer'),
    ('returned','submit','submitted','officer'),
    ('draft','withdraw','withdrawn','officer'),
    ('returned','withdraw','withdrawn','officer'),
    ('submitted','return','returned','reviewer'),
    ('submitted','publish','published','reviewer'),
    ('submitted','return','returned','admin'),
    ('submitted','publish','published','admin')`.execute(db);
  await sql`
    create table drafts (
      id serial primary key,
      body_id int not null references bodies(id),
      service_id int references services(id),
      state text not null check (state in ('draft','submitted','returned','published','withdrawn')),
      disclosure jsonb not null,
      change_reason text,
      revision int not null default 1,
      created_by int references accounts(id),
      updated_by int references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      submitted_at timestamptz,
      published_version_id int references service_versions(id)
    )`.execute(db);
  await sql`create index drafts_body_state_idx on drafts(body_id, state)`.execute(db);
  // At most one open change proposal per published service.
  await sql`create unique index drafts_one_open_per_service on drafts(service_id) where service_id is not null and state in ('draft','submitted','returned')`.execute(db);
  await sql`
    create table review_comments (
      id serial primary key,
      draft_id int not null references drafts(id),
      item text not null,
      comment text not null,
      author_id int references accounts(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index review_comments_draft_idx on review_comments(draft_id)`.execute(db);
  await sql`
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_id int references accounts(id),
      actor_label text,
      action text not null,
      entity text,
      entity_id text,
      body_id int references bodies(id),
      ip text,
      details jsonb
    )`.execute(db);
  await sql`create index audit_log_at_idx on audit_log(at desc)`.execute(db);
  await sql`
    create function refuse_audit_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only (%)', tg_op using errcode = 'P0001';
    end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function refuse_audit_change()`.execute(db);
  await sql`
    create table questions (
      id serial primary key,
      service_id int not null references services(id),
      kind text not null check (kind in ('question','error')),
      author_name text,
      author_email text,
      text text not null,
      state text not null default 'open' check (state in ('open','answered','hidden')),
      answer text,
      answered_by int references accounts(id),
      answered_at timestamptz,
      created_at timestamptz not null default now(),
      ip_hash text
    )`.execute(db);
  await sql`create index questions_service_idx on questions(service_id, state)`.execute(db);
  await sql`
    create table rate_limits (
      key text primary key,
      window_start timestamptz not null,
      count int not null
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the registry schema is not rolled back; restore a backup instead');
}
