/**
 * npm run bench [-- --services=100000 --bodies=1000 --duration=4 --connections=10 --seed=N --keep --cluster]
 *
 * Seeds a fresh PostgreSQL database with 100k services, then measures the real app (child process,
 * loopback) with autocannon next to a bare Fastify route measured in the same run, and the
 * repository calls and SQL of the same queries as a second baseline. Prints one table with each
 * figure next to its target and baseline. A missed target is printed as FAIL and the exit code
 * stays 0; the exit code is 1 only when the benchmark cannot run.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { DB } from '../src/platform/db/types.ts';
import { seed } from '../src/features/seed/seed.ts';
import { parseServiceFilter } from '../src/features/services/services.filter.ts';
import { facetCounts, searchServices } from '../src/features/services/services.search.ts';
import { bulkSeed } from './bulk-seed.ts';
import { NoPostgres, provisionDatabase, type BenchDatabase } from './postgres.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---- options
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
};
if (argv.includes('--help')) {
  console.log(`npm run bench [-- options]
  --services=N     services to seed (100000)
  --bodies=N       bodies in all, real ones included (1000)
  --duration=S     seconds per measured phase (4), after 1 s of warm-up
  --connections=N  connections for the throughput phases (10)
  --seed=N         seed of the data generator
  --keep           keep the database (and a throwaway cluster) afterwards
  --cluster        start a throwaway cluster even when DATABASE_URL is set`);
  process.exit(0);
}
const SERVICES = arg('services', 100_000);
const BODIES = arg('bodies', 1000);
const DURATION = arg('duration', 4);
const CONNECTIONS = arg('connections', 10);
const SEED = arg('seed', 20251228);
const KEEP = argv.includes('--keep');
const OWN_CLUSTER = argv.includes('--cluster');
const REPO_RUNS = 20;
const COLD_RUNS = 40;

const SEARCHES = [
  { q: '고독사', note: 'inside compounds' },
  { q: '진단', note: 'two syllables' },
  { q: '복지', note: 'frequent' },
  { q: '민원 챗봇', note: 'two words' },
  { q: 'chatbot', note: 'English' },
  { q: '반딧불이', note: 'rare' },
];
const SEARCH_P99_TARGET_MS = 50;
const LIST_RATIO_TARGET = 0.2;

const log = (s: string) => console.log(s);
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }) : '-');
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '-');
const pair = (s: { p50: number; p99: number }, d = 1) => `${fmt(s.p50, d)} / ${fmt(s.p99, d)}`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), n: s.length };
}

// ---- HTTP load with autocannon: latency of every 2xx response (sub-millisecond), throughput of 2xx
interface Load { p50: number; p99: number; rps: number; ok: number; bad: number }

function load(base: string, paths: string[], connections: number, duration: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let i = 0;
    const requests = paths.length > 1 ? [{ method: 'GET', setupRequest: (req: { path?: string }) => ({ ...req, path: paths[i++ % paths.length] }) }] : undefined;
    const instance = autocannon({ url: base + paths[0], connections, duration, timeout: 30, requests }, (err, result) => {
      if (err) return reject(err);
      const s = stats(latencies);
      resolve({ p50: s.p50, p99: s.p99, rps: result['2xx'] / result.duration, ok: result['2xx'], bad: result.non2xx + result.errors + result.timeouts });
    });
    instance.on('response', (_c, status, _b, ms) => { if (status >= 200 && status < 300) latencies.push(ms); });
  });
}

/**
 * One connection, sequential requests, each under a fresh PostgreSQL snapshot: a writing
 * transaction commits on another connection before every request, so totals and facets kept for
 * the previous snapshot no longer apply and every request computes them (the first visitor's view).
 */
async function cold(base: string, path: string, bump: () => Promise<unknown>, n: number) {
  const t: number[] = [];
  let bad = 0;
  for (let i = 0; i < n + 2; i++) {
    await bump();
    const t0 = performance.now();
    const res = await fetch(base + path);
    await res.arrayBuffer();
    if (i >= 2) t.push(performance.now() - t0); // two warm-up requests
    if (!res.ok) bad++;
  }
  return { ...stats(t), bad };
}

// ---- the servers under test, in a child process
interface Servers { child: ChildProcess; app: string; bare: string; drain(): Promise<void> }

function startServers(url: string): Promise<Servers> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'server.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_DATABASE_URL: url, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let drains = 0;
    const drain = () => new Promise<void>((done) => {
      const id = ++drains;
      const timer = setTimeout(done, 15_000);
      const on = (m: { drained?: number }) => {
        if (m.drained !== id) return;
        child.off('message', on);
        clearTimeout(timer);
        setTimeout(done, 200);
      };
      child.on('message', on);
      child.send({ drain: id });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('message', (m: { appPort: number; barePort: number }) =>
      resolve({ child, app: `http://127.0.0.1:${m.appPort}`, bare: `http://127.0.0.1:${m.barePort}/`, drain }));
  });
}

async function main() {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]; // nothing of ours running yet: other work on the machine
  let target: BenchDatabase;
  try {
    target = await provisionDatabase({ keep: KEEP, ownCluster: OWN_CLUSTER, log });
  } catch (error) {
    if (error instanceof NoPostgres) {
      console.error([
        'The benchmark needs PostgreSQL. Either',
        '  - set DATABASE_URL to a server where this user may create databases, e.g.',
        '      DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench',
        '    (a fresh database bench_<random> is created with C.UTF-8 and dropped at the end), or',
        '  - install the PostgreSQL server binaries (Debian: apt-get install postgresql) so that',
        '    /usr/lib/postgresql/<version>/bin/initdb exists; a throwaway cluster is then started.',
      ].join('\n'));
      process.exit(1);
    }
    throw error;
  }
  let servers: Servers | undefined;
  const cleanup = async () => {
    servers?.child.kill();
    servers = undefined;
    await target.cleanup();
  };
  process.once('SIGINT', () => { void cleanup().finally(() => process.exit(130)); });
  try {
    log(`database: ${target.where}`);
    // ---- schema and bodies through the app's own code, then the bulk load
    const database = await openDatabase({ databaseUrl: target.url, dataDir: '' });
    await migrateToLatest(database.db);
    await seed(database.db, { demo: false });
    await database.close();
    log(`seeding ${int(SERVICES)} services over ${int(BODIES)} bodies…`);
    const t0 = performance.now();
    const seeded = await bulkSeed(target.url, { services: SERVICES, bodies: BODIES, seed: SEED, log });
    const seedMs = performance.now() - t0;

    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const version = (await client.query('show server_version')).rows[0].server_version as string;
    const size = (await client.query('select pg_size_pretty(pg_database_size(current_database())) s')).rows[0].s as string;
    const ids = (await client.query('select public_id from services order by md5(public_id) limit 200')).rows.map((r) => r.public_id as string);
    const nextXid = async () => Number((await client.query('select pg_snapshot_xmax(pg_current_snapshot())::text::bigint x')).rows[0].x);
    const bump = () => client.query('update registry_generation set n = n + 1'); // a committed change to the registry, as a publish elsewhere makes

    // ---- repository and SQL baselines, in this process (no HTTP): the calls the routes make
    log('timing repository calls and SQL…');
    const captured: CompiledQuery[] = [];
    const pool = new pg.Pool({ connectionString: target.url, max: 4 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.level === 'query') captured.push(e.query); } });
    const capture = async (fn: () => Promise<unknown>) => {
      captured.length = 0;
      await fn();
      return captured.filter((q) => /^\s*(select|with)\b/i.test(q.sql));
    };
    const timeCalls = async (fn: () => Promise<unknown>) => {
      for (let i = 0; i < 3; i++) await fn();
      const t: number[] = [];
      for (let i = 0; i < REPO_RUNS; i++) {
        const t1 = performance.now();
        await fn();
        t.push(performance.now() - t1);
      }
      return stats(t);
    };
    const explainMs = async (queries: CompiledQuery[]) => {
      let total = 0;
      for (const q of queries) total += (await client.query(`explain (analyze, format json) ${q.sql}`, q.parameters as unknown[])).rows[0]['QUERY PLAN'][0]['Execution Time'];
      return total;
    };
    const repo = async (query: Record<string, string>) => {
      const f = parseServiceFilter(query);
      // facets inside a transaction bypass the per-snapshot aggregate cache: the uncached cost
      const uncachedFacets = () => db.transaction().execute((trx) => facetCounts(trx, f));
      const searchSql = await capture(() => searchServices(db, f)); // first call: nothing kept yet
      const facetSql = await capture(uncachedFacets);
      return {
        hits: (await searchServices(db, f)).total,
        search: await timeCalls(() => searchServices(db, f)),
        facetsUncached: await timeCalls(uncachedFacets),
        facetsCached: await timeCalls(() => facetCounts(db, f)),
        explainSearch: await explainMs(searchSql),
        explainFacets: await explainMs(facetSql),
      };
    };
    const repoSearch = new Map<string, Awaited<ReturnType<typeof repo>>>();
    for (const s of SEARCHES) repoSearch.set(s.q, await repo({ q: s.q }));
    const repoList = await repo({});
    const repoField = await repo({ field: 'welfare' });
    await db.destroy();

    // ---- HTTP: the app in a child process and the bare route, in the same run
    servers = await startServers(target.url);
    const s = servers;
    log('measuring over HTTP…');
    const loadBefore = os.loadavg()[0];
    const xidBefore = await nextXid();
    const measure = async (base: string, paths: string[], connections: number) => {
      await load(base, paths, connections, 1); // warm-up, not recorded
      await s.drain();
      const r = await load(base, paths, connections, DURATION);
      await s.drain();
      return r;
    };
    const bare1 = await measure(s.bare, [''], 1);
    const bareN = await measure(s.bare, [''], CONNECTIONS);
    const search = new Map<string, Load>();
    for (const q of SEARCHES) search.set(q.q, await measure(s.app, [`/api/v1/services?q=${encodeURIComponent(q.q)}`], 1));
    const xidBeforeCold = await nextXid();
    const searchCold = new Map<string, Awaited<ReturnType<typeof cold>>>();
    for (const q of SEARCHES) searchCold.set(q.q, await cold(s.app, `/api/v1/services?q=${encodeURIComponent(q.q)}`, bump, COLD_RUNS));
    const listCold = await cold(s.app, '/api/v1/services', bump, COLD_RUNS);
    const ownXids = (await nextXid()) - xidBeforeCold;
    const listApi = await measure(s.app, ['/api/v1/services'], CONNECTIONS);
    const listHtml = await measure(s.app, ['/services'], CONNECTIONS);
    const listApi1 = await measure(s.app, ['/api/v1/services'], 1);
    const listHtml1 = await measure(s.app, ['/services'], 1);
    const fieldApi = await measure(s.app, ['/api/v1/services?field=welfare'], 1);
    const detailApi = await measure(s.app, ids.map((id) => `/api/v1/services/${id}`), 1);
    const detailHtml = await measure(s.app, ids.map((id) => `/services/${id}`), 1);
    const xids = (await nextXid()) - xidBefore - ownXids;
    const loadAfter = os.loadavg()[0];
    const measureSeconds = (performance.now() - started) / 1000;
    s.child.send({ stop: true });
    await new Promise((r) => s.child.once('exit', r));
    servers = undefined;
    await client.end();

    // ---- report
    const results: boolean[] = [];
    const verdict = (ok: boolean, h: Load) => {
      results.push(ok);
      return (ok ? 'PASS' : 'FAIL') + (h.ok === 0 ? ' (no response)' : h.bad ? ` (${h.bad} errors)` : '');
    };
    const table = (head: string[], body: string[][]) => {
      const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
      const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
      log(row(head));
      log(widths.map((w) => '-'.repeat(w)).join('  '));
      for (const r of body) log(row(r));
    };

    log('');
    log(`Gyeonggi Public AI Registry benchmark: ${int(SERVICES)} services (${int(seeded.versions)} versions), ${int(seeded.bodies)} bodies; PostgreSQL ${version.split(' ')[0]}, ${size}`);
    log(`Machine: ${os.cpus().length} cores, load average ${fmt(loadAtStart, 2)} at the start (other work), ${fmt(loadBefore, 2)} and ${fmt(loadAfter, 2)} around the HTTP phases; ${int(xids)} writing transactions elsewhere on the server meanwhile (each one invalidates the kept totals and facets).`);
    log(`Seeding: ${fmt(seedMs / 1000)} s (rows ${fmt(seeded.insertMs / 1000)} s, indexes ${fmt(seeded.indexMs / 1000)} s, vacuum analyze ${fmt(seeded.analyzeMs / 1000)} s; ${seeded.validated} sampled disclosures validated).`);
    log(`Baseline, bare Fastify route {ok:true}: 1 connection p50 ${fmt(bare1.p50, 2)} ms, p99 ${fmt(bare1.p99, 2)} ms; ${CONNECTIONS} connections ${int(bareN.rps)} req/s.`);
    log('');
    log(`Search: GET /api/v1/services?q=… (page of 20, total and facets), 1 connection. Target: p99 < ${SEARCH_P99_TARGET_MS} ms, cold and repeated.`);
    log(`  cold: ${COLD_RUNS} sequential requests, each under a new snapshot (nothing kept applies: the first visitor's view);`);
    log(`  repeated: autocannon, the same query for ${DURATION} s (totals and facets kept for the snapshot: a popular query).`);
    log(`Baselines: the bare route (above); the repository calls in this process (p50 / p99 of ${REPO_RUNS}; facets uncached = computed,`);
    log(`  cached = kept for the current snapshot); EXPLAIN ANALYZE execution time of the search SQL + the facet SQL.`);
    table(['query', 'hits', 'cold p50 / p99 ms', 'repeated p50 / p99 ms', 'search ms', 'facets uncached ms', 'facets cached ms', 'EXPLAIN ms', 'target', 'result'],
      SEARCHES.map((q) => {
        const h = search.get(q.q)!;
        const c = searchCold.get(q.q)!;
        const r = repoSearch.get(q.q)!;
        const ok = c.bad === 0 && c.p99 < SEARCH_P99_TARGET_MS && h.ok > 0 && h.bad === 0 && h.p99 < SEARCH_P99_TARGET_MS;
        return [`${q.q} (${q.note})`, int(r.hits), pair(c), pair(h), pair(r.search), pair(r.facetsUncached), pair(r.facetsCached, 2),
          `${fmt(r.explainSearch)} + ${fmt(r.explainFacets)}`, `p99 < ${SEARCH_P99_TARGET_MS}`,
          verdict(ok, h) + (c.bad ? ` (${c.bad} cold errors)` : '')];
      }));
    log('');
    const bareTarget = bareN.rps * LIST_RATIO_TARGET;
    log(`List page: ${CONNECTIONS} connections for ${DURATION} s (first page, newest first). Target: at least 1/5 of the bare route's throughput, ${int(bareN.rps)} / 5 = ${int(bareTarget)} req/s.`);
    const listRow = (label: string, h: Load, h1: Load) =>
      [label, int(h.rps), pair(h), pair(h1), int(bareN.rps), h.rps > 0 ? `1/${fmt(bareN.rps / h.rps)}` : '-', `>= ${int(bareTarget)}`, verdict(h.ok > 0 && h.bad === 0 && h.rps >= bareTarget, h)];
    table(['endpoint', 'req/s', 'p50 / p99 ms', '1 conn p50 / p99 ms', 'bare req/s', 'ratio', 'target', 'result'], [
      listRow('/api/v1/services (JSON)', listApi, listApi1),
      listRow('/services (HTML)', listHtml, listHtml1),
    ]);
    log(`/api/v1/services cold (1 connection, a new snapshot before each request): p50 / p99 ${pair(listCold)} ms.`);
    log(`Repository, unfiltered: search ${pair(repoList.search)} ms, facets uncached ${pair(repoList.facetsUncached)} ms, cached ${pair(repoList.facetsCached, 2)} ms; EXPLAIN ${fmt(repoList.explainSearch)} + ${fmt(repoList.explainFacets)} ms.`);
    log('');
    log(`Detail and a facet filter: 1 connection for ${DURATION} s (detail rotates over ${ids.length} services). No target; the bare route is the baseline.`);
    table(['endpoint', 'p50 ms', 'p99 ms', 'req/s', 'repository', ''], [
      ['/api/v1/services/{id}', fmt(detailApi.p50), fmt(detailApi.p99), int(detailApi.rps), '', detailApi.bad ? `${detailApi.bad} errors` : ''],
      ['/services/{id} (HTML)', fmt(detailHtml.p50), fmt(detailHtml.p99), int(detailHtml.rps), '', detailHtml.bad ? `${detailHtml.bad} errors` : ''],
      ['/api/v1/services?field=welfare', fmt(fieldApi.p50), fmt(fieldApi.p99), int(fieldApi.rps),
        `search ${pair(repoField.search)}, facets uncached ${pair(repoField.facetsUncached)}, cached ${pair(repoField.facetsCached, 2)} ms`, fieldApi.bad ? `${fieldApi.bad} errors` : ''],
    ]);
    log('');
    const failed = results.filter((r) => !r).length;
    log(failed === 0 ? `All ${results.length} targets met.` : `${failed} of ${results.length} targets MISSED (FAIL above).`);
    if (loadAtStart > os.cpus().length / 2) {
      log(`Note: other work was running on the machine (load average ${fmt(loadAtStart, 2)} on ${os.cpus().length} cores at the start): latencies include waiting for a CPU.`);
    }
    log(`Benchmark time ${fmt(measureSeconds, 0)} s.`);
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
