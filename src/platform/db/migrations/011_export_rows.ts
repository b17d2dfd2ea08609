import { sql, type Kysely } from 'kysely';

/**
 * Export rows: the CSV line of each published version as the export last formatted it, so a
 * whole-registry export sends stored text instead of reading, parsing and formatting every
 * disclosure again (exports/export-rows.repository.ts).
 *
 * A row is used only while everything it was made from is unchanged: the version (published
 * versions never change), `rev` (the formatting code that made it: the hash of the export worker's
 * bundle) and the record's other inputs kept beside it (the body's code and name, the service's
 * example flag). Anything else is formatted again and stored in its place. The rows are derived:
 * backups skip them and a restore (truncate ... cascade) removes them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unlogged table export_rows (
    version_id int primary key references service_versions (id) on delete cascade,
    rev text not null,
    body_code text not null,
    body_name text not null,
    is_example boolean not null,
    csv text not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table export_rows`.execute(db);
}
