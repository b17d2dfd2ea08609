import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { seed } from '../../src/features/seed/seed.ts';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database
 * on the PostgreSQL server of DATABASE_URL (created with C.UTF-8 and dropped afterwards).
 */
export async function testDatabase(options: { demo?: boolean } = {}): Promise<Database> {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    const created = await newPostgresDatabase('regtest');
    database = await openDatabase({ databaseUrl: created.url, dataDir: '' });
    drop = created.drop;
  } else {
    database = await openDatabase({ databaseUrl: undefined, dataDir: '' }, { memory: true });
  }
  await migrateToLatest(database.db);
  await seed(database.db, { demo: options.demo ?? true });
  const close = database.close;
  return { ...database, close: async () => { await close(); await drop?.(); } };
}

/** A new, empty database on the PostgreSQL server of DATABASE_URL (C.UTF-8), and how to drop it. */
async function newPostgresDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL!;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  await admin.end();
  const u = new URL(url);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * An empty place for a registry process started by a test (`npm start` would migrate and seed it):
 * a new database on the PostgreSQL server of DATABASE_URL, or a new PGlite data folder. `env` goes
 * to the child process; `remove` drops the database or the folder.
 */
export async function scratchDatabase(prefix: string): Promise<{ env: Record<string, string>; remove: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const { url, drop } = await newPostgresDatabase(prefix);
    return { env: { DATABASE_URL: url }, remove: drop };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { env: { DATA_DIR: dataDir, DATABASE_URL: '' }, remove: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}
