/**
 * Whole-registry exports on PostgreSQL run in a worker thread with its own small V8 heap: the
 * rows, parsed disclosures and CSV text of 200k services are garbage of the worker, collected
 * within its limit, instead of growing the server's heap, and the CPU work of formatting leaves
 * the server's event loop. The worker opens its own connection; chunks are handed over one at a
 * time, when the response asks for more (backpressure across the thread). On PGlite (one
 * connection, owned by this thread) exports stay in process.
 */
import { Readable } from 'node:stream';
import { isMainThread, Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { postgresUrlOf } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/types.ts';

export type ThreadFormat = 'csv' | 'json';

/** Heap limits of an export worker (MB): far above one page's needs, far below the server's. */
const LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };

export interface WorkerMessage { chunk?: string; end?: true; error?: string }

/** The export as a stream fed by a worker thread, or undefined when it must run in this thread. */
export function exportOffThread(db: Kysely<DB>, format: ThreadFormat): Readable | undefined {
  const databaseUrl = postgresUrlOf(db);
  if (!databaseUrl || !isMainThread || db.isTransaction) return undefined;
  const worker = new Worker(new URL('./export.worker.mjs', import.meta.url), { workerData: { databaseUrl, format }, resourceLimits: LIMITS });
  let finished = false;
  const out = new Readable({
    read() { worker.postMessage('more'); },
    destroy(error, done) {
      finished = true;
      worker.terminate().then(() => done(error), () => done(error));
    },
  });
  worker.on('message', (m: WorkerMessage) => {
    if (m.chunk !== undefined) out.push(m.chunk);
    else if (m.end) { finished = true; out.push(null); void worker.terminate(); }
    else if (m.error) out.destroy(new Error(`export failed: ${m.error}`));
  });
  worker.on('error', (error) => out.destroy(error));
  worker.on('exit', () => { if (!finished) out.destroy(new Error('export worker stopped')); });
  return out;
}
