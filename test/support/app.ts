import { after } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.tsx';
import type { Database } from '../../src/platform/db/database.ts';
import { testDatabase } from './db.ts';

/**
 * The app on a fresh test database for one test file (see testDatabase), closed after the file:
 * `const { database, app } = await testApp({ demo: true });` at the top of the file.
 */
export async function testApp(options: { demo?: boolean } = {}): Promise<{ database: Database; app: FastifyInstance }> {
  const database = await testDatabase(options);
  const app = await buildApp({ db: database.db });
  after(async () => { await app.close(); await database.close(); });
  return { database, app };
}
