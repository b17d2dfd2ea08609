/**
 * An export worker (see export-thread.ts): its share of the pages, one formatted page per request
 * for more. The next page is read while one is formatted, and formatted while the last is written
 * (one page ahead at most: memory stays bounded).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../platform/db/database.ts';
import { publishedPages } from '../services/services.repository.ts';
import type { WorkerData, WorkerMessage } from './export-thread.ts';
import { FORMATS, formatPage } from './exports.ts';

const { databaseUrl, format, ranges } = workerData as WorkerData;
const port = parentPort!;
const database = await openDatabase({ databaseUrl, dataDir: '' }, { poolSize: 2 });
const pages = publishedPages(database.db, ranges);

const ahead = async (): Promise<WorkerMessage> => {
  try {
    const page = await pages.next();
    if (!page.done) return { chunk: await formatPage(FORMATS[format], page.value) };
    await database.close();
    return { end: true };
  } catch (error) {
    await database.close().catch(() => {});
    return { error: (error as Error).message };
  }
};

// Requests for more are answered in order, each with the page made after the one sent before.
let next = ahead();
port.on('message', () => {
  const m = next;
  next = m.then((r) => (r.chunk === undefined ? r : ahead()));
  void m.then((r) => port.postMessage(r));
});
