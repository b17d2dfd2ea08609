import { sql, type Kysely } from 'kysely';

/**
 * One function restarts the search index's change log (migration 007): the truncate trigger (a
 * restore) and `registry reindex` both call it, instead of each holding its own copy of the two
 * statements.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function restart_index_log() returns void language sql as $$
      update registry_generation set log_from = n;
      delete from service_index_removed;
    $$`.execute(db);
  await sql`
    create or replace function service_index_log_restart() returns trigger language plpgsql as $$
    begin
      perform restart_index_log();
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function service_index_log_restart() returns trigger language plpgsql as $$
    begin
      update registry_generation set log_from = n;
      delete from service_index_removed;
      return null;
    end $$`.execute(db);
  await sql`drop function restart_index_log()`.execute(db);
}
