import { sql, type Kysely } from 'kysely';

/**
 * The match-set record stored with each index row, and a change log of the search index, so a kept match set can be brought up to date by reading the
 * few rows changed since it was made instead of every match again.
 *
 * - `service_index.rev`: the registry generation the row was written under. A row trigger sets it
 *   to n + 1 while holding the generation's row lock (`for update`); the statement trigger of
 *   migration 005 then raises n to that value. Writers hold that lock until they commit, so
 *   generations commit in order: a snapshot that sees generation g sees every row with rev <= g
 *   and none with a higher one.
 * - `service_index_removed`: the services whose index row was deleted, with the same rev.
 * - `registry_generation.log_from`: the log is complete for changes after this generation. A
 *   truncate (restore) or a reindex moves it to now, so older kept sets are read again whole.
 *
 * Republishing updates the row in place (one log entry, no removal), so the facet totals of
 * migration 006 now follow updates too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // the 16-byte record a match set is made of, stored with the row (string_agg of it is a third of
  // the work of building it per row at 200k): service id, body id, packed facets, publication time
  // in seconds since 2000-01-01 UTC, big-endian
  await sql`
    create function index_record(service_id int, body_id int, facets int, published_at timestamptz) returns bytea
    language sql immutable parallel safe as $$
      select int4send(service_id) || int4send(body_id) || int4send(facets) || int4send((date_part('epoch', published_at) - 946684800)::int)
    $$`.execute(db);
  await sql`alter table service_index add column rec bytea generated always as (index_record(service_id, body_id, facets, published_at)) stored`.execute(db);
  await sql`alter table service_index add column rev bigint not null default 0`.execute(db);
  await sql`create index service_index_rev_idx on service_index (rev)`.execute(db);
  await sql`create table service_index_removed (rev bigint not null, service_id int not null)`.execute(db);
  await sql`create index service_index_removed_rev_idx on service_index_removed (rev)`.execute(db);
  await sql`alter table registry_generation add column log_from bigint not null default 0`.execute(db);
  await sql`update registry_generation set log_from = n`.execute(db);

  await sql`
    create function service_index_rev() returns trigger language plpgsql as $$
    begin
      select n + 1 into new.rev from registry_generation for update;
      return new;
    end $$`.execute(db);
  await sql`create trigger service_index_rev before insert or update on service_index for each row execute function service_index_rev()`.execute(db);
  await sql`
    create function service_index_removed() returns trigger language plpgsql as $$
    begin
      insert into service_index_removed (rev, service_id) select n + 1, old.service_id from registry_generation for update;
      return null;
    end $$`.execute(db);
  await sql`create trigger service_index_removed after delete on service_index for each row execute function service_index_removed()`.execute(db);
  // after service_index_changed (triggers fire in name order): n is already raised
  await sql`
    create function service_index_log_restart() returns trigger language plpgsql as $$
    begin
      update registry_generation set log_from = n;
      delete from service_index_removed;
      return null;
    end $$`.execute(db);
  await sql`create trigger service_index_truncated_log after truncate on service_index for each statement execute function service_index_log_restart()`.execute(db);

  await sql`
    create or replace function facet_totals_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.body_id = new.body_id and old.facets = new.facets then
        return null;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        update facet_totals set n = n - 1 where key = any(facet_keys(old.body_id, old.facets));
      end if;
      if tg_op in ('UPDATE', 'INSERT') then
        insert into facet_totals (key, n) select k, 1 from unnest(facet_keys(new.body_id, new.facets)) k
          on conflict (key) do update set n = facet_totals.n + 1;
      end if;
      return null;
    end $$`.execute(db);
  await sql`drop trigger service_index_facet_totals on service_index`.execute(db);
  await sql`create trigger service_index_facet_totals after insert or update or delete on service_index for each row execute function facet_totals_changed()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the registry schema is not rolled back; restore a backup instead');
}
