/**
 * An export worker (see export-thread.ts): its share of the pages, one formatted page per request
 * for more. The next page is read while one is formatted, and formatted while the last is written
 * (one page ahead at most: memory stays bounded).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../platform/db/database.ts';
import { publishedServicesIn } from '../services/services.repository.ts';
import type { WorkerData, WorkerMessage } from './export-thread.ts';
import { FORMATS } from './exports.ts';

const { databaseUrl, format, ranges } = workerData as WorkerData;
const port = parentPort!;
const database = await openDatabase({ databaseUrl, dataDir: '' }, { poolSize: 2 });
const parts = FORMATS[format];

const read = (k: number) => {
  const p = publishedServicesIn(database.db, ranges[k].after, ranges[k].upTo);
  p.catch(() => {}); // awaited below; a read nobody waits for (the export ended) must not crash the thread
  return p;
};
let reading = ranges.length ? read(0) : undefined;
let k = 0;

const ahead = async (): Promise<WorkerMessage> => {
  try {
    if (!reading) {
      await database.close();
      return { end: true };
    }
    const rows = await reading;
    reading = ++k < ranges.length ? read(k) : undefined;
    return { chunk: await parts.page(rows) };
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
