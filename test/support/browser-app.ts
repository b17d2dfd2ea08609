import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.tsx';
import type { Database } from '../../src/platform/db/database.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { testDatabase } from './db.ts';

export interface BrowserApp { database: Database; browser: TestBrowser; app: FastifyInstance; base: string }

/**
 * A fresh database with demo data, Chromium and the app listening on loopback, for one browser test
 * file. Database and browser start in parallel; if either fails, the other is closed before the error.
 */
export async function startBrowserApp(): Promise<BrowserApp> {
  const [db, b] = await Promise.allSettled([testDatabase({ demo: true }), launchBrowser()]);
  const failed = [db, b].find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) {
    await stopBrowserApp({ database: db.status === 'fulfilled' ? db.value : undefined, browser: b.status === 'fulfilled' ? b.value : undefined });
    throw failed.reason;
  }
  const database = (db as PromiseFulfilledResult<Database>).value;
  const browser = (b as PromiseFulfilledResult<TestBrowser>).value;
  const app = await buildApp({ db: database.db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { database, browser, app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** Closes what started: the browser, then the app, then the database, each even if the one before failed. */
export async function stopBrowserApp(s: Partial<BrowserApp>) {
  try {
    await s.browser?.close();
  } finally {
    try { await s.app?.close(); } finally { await s.database?.close(); }
  }
}
