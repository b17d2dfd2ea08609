/** The export worker (see export-thread.ts): one export, one chunk per request for more. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../platform/db/database.ts';
import type { ThreadFormat, WorkerMessage } from './export-thread.ts';
import { csvChunks, jsonChunks } from './exports.ts';

const { databaseUrl, format } = workerData as { databaseUrl: string; format: ThreadFormat };
const port = parentPort!;
const database = await openDatabase({ databaseUrl, dataDir: '' }, { poolSize: 2 });
const chunks = (format === 'csv' ? csvChunks : jsonChunks)(database.db);
const send = (m: WorkerMessage) => port.postMessage(m);

port.on('message', () => {
  chunks.next().then(
    async (r) => {
      if (!r.done) return send({ chunk: r.value });
      await database.close();
      send({ end: true });
    },
    async (error: Error) => {
      send({ error: error.message });
      await database.close().catch(() => {});
    },
  );
});
