/**
 * The servers under test, in a child process of bench/run.ts so the load generator does not share
 * an event loop with them: the real app (buildApp over PostgreSQL, rate limit lifted) and a bare
 * Fastify route answering {ok:true}, both on 127.0.0.1 with ports chosen by the system.
 */
import Fastify from 'fastify';
import { buildApp } from '../src/app.tsx';
import { openDatabase } from '../src/platform/db/database.ts';
import { warmSearch } from '../src/features/services/services.search.ts';
import { linesFilled } from '../src/features/exports/export-warm.ts';

const url = process.env.BENCH_DATABASE_URL;
if (!url || !process.send) throw new Error('bench/server.ts is started by bench/run.ts');

const database = await openDatabase({ databaseUrl: url, dataDir: '' });
const app = await buildApp({ db: database.db, rateLimit: { max: 1e9, timeWindow: 60_000 } });
// Requests still running when a load phase ends (autocannon stops sending, the server finishes
// what it received) must not slow the next phase down: run.ts waits for them (drain).
let inflight = 0;
let idle: (() => void)[] = [];
app.addHook('onRequest', async (_request, reply) => {
  inflight++;
  reply.raw.once('close', () => {
    if (--inflight === 0) { for (const f of idle) f(); idle = []; }
  });
});
await app.listen({ host: '127.0.0.1', port: 0 });
void warmSearch(database.db); // as the registry's server does after it starts listening (src/cli.ts)
// Unlike the registry's server, no background fill of export lines at start (fillInBackground): the
// export section measures the export with no lines stored, then waits for the fill that export
// starts, then measures the export from the stored lines.

const bare = Fastify({ logger: false });
bare.get('/', async () => ({ ok: true }));
await bare.listen({ host: '127.0.0.1', port: 0 });

const portOf = (a: typeof bare) => (a.server.address() as { port: number }).port;
process.send({ ready: true, appPort: portOf(app as unknown as typeof bare), barePort: portOf(bare) });

// Peak memory of this process between {memory:'start'} and {memory:'stop'}, sampled every 25 ms:
// the V8 heap in use next to the resident size, to tell live memory from garbage not yet collected.
type Peaks = { rss: number; heapUsed: number; external: number; arrayBuffers: number };
let peaks: Peaks | undefined;
let sampler: NodeJS.Timeout | undefined;
const sample = () => {
  const m = process.memoryUsage();
  if (peaks) for (const k of Object.keys(peaks) as (keyof Peaks)[]) peaks[k] = Math.max(peaks[k], m[k]);
};

process.on('message', async (m: { stop?: boolean; drain?: number; memory?: 'start' | 'stop'; linesFilled?: boolean }) => {
  if (m.memory === 'start') {
    peaks = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
    sample();
    sampler = setInterval(sample, 25);
    process.send!({ memory: 'started' });
    return;
  }
  if (m.memory === 'stop') {
    clearInterval(sampler);
    sample();
    process.send!({ memory: peaks });
    return;
  }
  if (m.linesFilled) {
    await linesFilled(database.db);
    process.send!({ linesFilled: 'ended' });
    return;
  }
  if (m.drain !== undefined) {
    if (inflight > 0) await new Promise<void>((resolve) => idle.push(resolve));
    process.send!({ drained: m.drain });
    return;
  }
  if (!m.stop) return;
  await Promise.allSettled([app.close(), bare.close()]);
  await database.close();
  process.exit(0);
});
process.on('disconnect', () => process.exit(0));
