import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table bodies (
      id serial primary key,
      code text not null unique,
      kind text not null check (kind in ('province','department','city','county','institution')),
      name_ko text not null,
      name_en text,
      parent_id int references bodies(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table services (
      id serial primary key,
      public_id text not null unique check (public_id ~ '^GG-[0-9]{4}-[0-9]{4,}$'),
      body_id int not null references bodies(id),
      is_example boolean not null default false,
      current_version_id int,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index services_body_idx on services(body_id)`.execute(db);
  await sql`
    create table service_versions (
      id serial primary key,
      service_id int not null references services(id),
      version_no int not null check (version_no > 0),
      schema_version text not null,
      disclosure jsonb not null,
      change_reason text,
      published_at timestamptz not null default now(),
      published_by text,
      unique (service_id, version_no)
    )`.execute(db);
  await sql`alter table services add constraint services_current_version_fk
    foreign key (current_version_id) references service_versions(id)`.execute(db);
  // Published versions are the public record: never changed, never removed.
  await sql`
    create function refuse_version_change() returns trigger language plpgsql as $$
    begin
      raise exception 'published versions are immutable (%)', tg_op using errcode = 'P0001';
    end $$`.execute(db);
  await sql`create trigger service_versions_immutable before update or delete on service_versions
    for each row execute function refuse_version_change()`.execute(db);
  // The search projection is read row by row for every candidate of a search (order, total,
  // facets), so its heap holds only the short columns: the long document and its grams live in
  // TOAST (toast_tuple_target), every other column stays inline (storage main). The grams use the
  // "C" collation: GIN only needs equality, and bytewise comparison builds and probes it faster.
  await sql`
    create table service_search (
      service_id int primary key references services(id),
      body_id int not null references bodies(id),
      body_kind text not null,
      field text not null,
      tech_types text[] not null,
      status text not null,
      personal boolean not null,
      high_impact boolean not null,
      generative boolean not null,
      is_example boolean not null,
      name text not null,
      name_en text,
      summary text not null,
      summary_en text,
      doc text not null,
      grams text[] collate "C" not null,
      start_date date,
      published_at timestamptz not null,
      first_published_at timestamptz not null
    ) with (toast_tuple_target = 128)`.execute(db);
  await sql`alter table service_search
    alter column body_kind set storage main, alter column field set storage main, alter column tech_types set storage main,
    alter column status set storage main, alter column name set storage main, alter column name_en set storage main,
    alter column summary set storage main, alter column summary_en set storage main`.execute(db);
  await sql`create index service_search_grams_idx on service_search using gin (grams)`.execute(db);
  await sql`create index service_search_body_idx on service_search(body_id)`.execute(db);
  await sql`create index service_search_field_idx on service_search(field)`.execute(db);
  await sql`create index service_search_published_idx on service_search(published_at desc, service_id desc)`.execute(db);
  await sql`create index service_search_first_published_idx on service_search(first_published_at, service_id desc)`.execute(db);
  await sql`create index service_search_name_idx on service_search(name, service_id)`.execute(db);
  await sql`
    create table outcome_values (
      service_id int not null references services(id),
      indicator text not null,
      unit text,
      period_date date not null,
      value double precision not null
    )`.execute(db);
  await sql`create index outcome_values_service_idx on outcome_values(service_id)`.execute(db);
  await sql`
    create table service_datasets (
      service_id int not null references services(id),
      name text not null,
      source_body text,
      kind text not null,
      personal boolean not null
    )`.execute(db);
  await sql`create index service_datasets_service_idx on service_datasets(service_id)`.execute(db);
  await sql`create table public_id_counters (year int primary key, last int not null)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the registry schema is not rolled back; restore a backup instead');
}
