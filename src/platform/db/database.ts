import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config.ts';
import { acquireDataDirLock } from './lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './types.ts';

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// Dates stay strings (YYYY-MM-DD), counts become numbers: the same values on both engines.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));

const postgresUrls = new WeakMap<object, string>();

/** The connection string a Kysely instance was opened with, on PostgreSQL (another thread may open its own). */
export function postgresUrlOf(db: object): string | undefined {
  return postgresUrls.get(db);
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  options: { memory?: boolean; poolSize?: number; serial?: boolean } = {},
): Promise<Database> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: options.poolSize ?? 10 });
    // A connection the server drops (restart, failover, a database dropped at the end of a test)
    // must not crash the process: queries on it fail and the pool opens a new one.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    // JIT off: the app's statements are short, and a bad row estimate (a table not yet analyzed)
    // can push one past jit_above_cost, spending 30–50 ms compiling a 1 ms query. Queued first.
    // `serial` (the export's worker threads, which read pages side by side already): no parallel
    // plans. On a page's range the planner sometimes chose a parallel scan of every service over
    // the public-id index, starting two more PostgreSQL processes per page on busy cores.
    const setup = options.serial ? 'set jit = off; set max_parallel_workers_per_gather = 0' : 'set jit = off';
    pool.on('connect', (client) => { client.on('error', () => {}); client.query(setup).catch(() => {}); });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    postgresUrls.set(db, config.databaseUrl);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { PGlite, types } = await import('@electric-sql/pglite');
  const release = options.memory ? () => {} : acquireDataDirLock(config.dataDir);
  try {
    const pglite = await PGlite.create({
      dataDir: options.memory ? undefined : config.dataDir + '/pgdata',
      parsers: { [types.DATE]: (v: string) => v, [types.INT8]: (v: string) => Number(v) },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      async close() {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
