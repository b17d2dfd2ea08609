import { sql, type Kysely } from 'kysely';
import { rebuildSearchIndex } from '../../../features/services/search-index.repository.ts';

/**
 * A narrow search index (service_index: ids, packed facets, dates and the key list, which lives in
 * TOAST) with a word vocabulary (search_words) in place of the per-document bigram arrays, and a
 * registry generation: a counter that every change to what the public pages show increments in
 * the same transaction, so kept results can be keyed by it and are never stale.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table search_words (word text collate "C" primary key, grams text[] collate "C" not null)`.execute(db);
  await sql`create index search_words_grams_idx on search_words using gin (grams)`.execute(db);
  await sql`
    create table service_index (
      service_id int primary key references services(id),
      body_id int not null references bodies(id),
      facets int not null,
      published_at timestamptz not null,
      first_published_at timestamptz not null,
      terms text[] collate "C" not null
    ) with (toast_tuple_target = 128)`.execute(db);
  await sql`create index service_index_terms_idx on service_index using gin (terms)`.execute(db);
  await sql`create index service_index_body_idx on service_index (body_id)`.execute(db);
  await sql`create index service_index_published_idx on service_index (published_at desc, service_id desc)`.execute(db);

  await sql`create table registry_generation (id boolean primary key default true check (id), n bigint not null)`.execute(db);
  await sql`insert into registry_generation (id, n) values (true, 0)`.execute(db);
  await sql`
    create function registry_changed() returns trigger language plpgsql as $$
    begin
      update registry_generation set n = n + 1;
      return null;
    end $$`.execute(db);
  for (const table of ['service_index', 'service_search', 'service_versions', 'bodies', 'services', 'outcome_values', 'service_datasets']) {
    await sql`create trigger ${sql.id(table + '_changed')} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function registry_changed()`.execute(db);
  }

  await sql`drop index if exists service_search_grams_idx`.execute(db);
  await sql`alter table service_search drop column grams`.execute(db);
  await rebuildSearchIndex(db);
}

export async function down(): Promise<void> {
  throw new Error('the registry schema is not rolled back; restore a backup instead');
}
