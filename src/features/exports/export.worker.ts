/**
 * An export worker (see export-thread.ts): its share of the pages, one formatted page per request
 * for more. The next page is read while one is formatted, and formatted while the last is written
 * (one page ahead at most: memory stays bounded).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../platform/db/database.ts';
import { publishedPages } from '../services/services.repository.ts';
import type { WorkerData, WorkerMessage } from './export-thread.ts';
import type { ExportRow } from './export-rows.repository.ts';
import { FORMATS, formatPage, keepLines } from './exports.ts';

const { databaseUrl, format, ranges, missingOnly, rev } = workerData as WorkerData;
// lines are stored only by the background fill (export-warm.ts); an export just counts what it formatted
let store = (workerData as WorkerData).store === true && rev !== undefined;
let formatted = 0;
const encoder = new TextEncoder();
const port = parentPort!;
// storing, two connections: the next page is read on one while the lines of the last are stored on the other
const database = await openDatabase({ databaseUrl, dataDir: '' }, { poolSize: store ? 2 : 1, serial: true });
const pages = publishedPages(database.db, ranges, rev, missingOnly);
let storing: Promise<void> = Promise.resolve();

const ahead = async (): Promise<WorkerMessage> => {
  try {
    const page = await pages.next();
    if (!page.done) {
      const fresh: ExportRow[] = [];
      const { text, formatted: n } = await formatPage(FORMATS[format], page.value, store ? fresh : undefined);
      if (rev) formatted += n; // without a rev no line is stored or used: nothing for a fill to do
      if (store && fresh.length) {
        // The last page's lines are stored while this one is formatted: one page's lines wait at
        // most (the worker's heap is small), and a slow store slows the fill, never grows memory.
        await storing;
        if (store) storing = keepLines(database.db, rev!, fresh, () => { store = false; });
      }
      // UTF-8 here, in the worker, and the bytes moved to the server's thread, not copied: the
      // server's thread only writes them (a string would be copied across, then encoded there).
      return { chunk: encoder.encode(text) };
    }
    await storing;
    await database.close();
    return { end: true, formatted };
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
  void m.then((r) => port.postMessage(r, r.chunk ? [r.chunk.buffer as ArrayBuffer] : []));
});
