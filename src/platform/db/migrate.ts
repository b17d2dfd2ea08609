import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m001 from './migrations/001_registry.ts';
import * as m002 from './migrations/002_backoffice.ts';
import * as m003 from './migrations/003_surveys.ts';
import * as m004 from './migrations/004_completeness.ts';
import * as m005 from './migrations/005_search_index.ts';
import * as m006 from './migrations/006_facet_totals.ts';
import * as m007 from './migrations/007_index_log.ts';
import * as m008 from './migrations/008_log_restart.ts';
import * as m009 from './migrations/009_public_questions.ts';
import * as m010 from './migrations/010_search_postings.ts';
import * as m011 from './migrations/011_export_rows.ts';

/** Migrations are code, listed here in order; the same list runs on PGlite and PostgreSQL. */
const migrations: Record<string, Migration> = {
  '001_registry': m001,
  '002_backoffice': m002,
  '003_surveys': m003,
  '004_completeness': m004,
  '005_search_index': m005,
  '006_facet_totals': m006,
  '007_index_log': m007,
  '008_log_restart': m008,
  '009_public_questions': m009,
  '010_search_postings': m010,
  '011_export_rows': m011,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() { return migrations; }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
