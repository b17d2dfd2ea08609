import { sql, type Kysely } from 'kysely';
import { completeness } from '../../../features/drafts/completeness.ts';

/** The completeness score of each service's current version, kept in the search projection for overviews. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table service_search add column completeness int not null default 0 check (completeness between 0 and 100)`.execute(db);
  const { rows } = await sql<{ service_id: number; disclosure: unknown }>`
    select s.service_id, v.disclosure from service_search s join services sv on sv.id = s.service_id join service_versions v on v.id = sv.current_version_id`.execute(db);
  for (const r of rows) {
    await sql`update service_search set completeness = ${completeness(r.disclosure).score} where service_id = ${r.service_id}`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('the registry schema is not rolled back; restore a backup instead');
}
