/**
 * npm run bench [-- --services=100000 --bodies=1000 --duration=4 --connections=10 --only=… --keep --cluster]
 *
 * Seeds a fresh PostgreSQL database with 100k services, then measures the real app (child process,
 * loopback) with autocannon next to a bare Fastify route measured in the same run, and the
 * repository calls and SQL of the same queries as a second baseline; then the bulk CSV export
 * (time and server memory), the spreadsheet import (throughput) and several app processes against
 * the one database. Prints tables with each figure next to its target and baseline. A missed
 * target is printed as FAIL and the exit code stays 0; the exit code is 1 only when the benchmark
 * cannot run.
 */
import os from 'node:os';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { DB } from '../src/platform/db/types.ts';
import { seed } from '../src/features/seed/seed.ts';
import { parseServiceFilter } from '../src/features/services/services.filter.ts';
import { parseQuery } from '../src/features/services/search-text.ts';
import { facetCounts, searchServices } from '../src/features/services/services.search.ts';
import { MAX_BYTES, MAX_ROWS } from '../src/features/imports/import.read.ts';
import { bulkSeed } from './bulk-seed.ts';
import { measureExport, type ExportResult } from './export.ts';
import { benchOfficer, measureImport, type ImportResult, type Officer } from './import.ts';
import { Verdicts, bodyBytes, fmt, int, load, log, mb, pair, startServers, stats, table, timeCalls, type Load, type Servers } from './lib.ts';
import { NoPostgres, provisionDatabase, type BenchDatabase } from './postgres.ts';
import { measureScale, type ScaleResult, type ScaleRow } from './scale.ts';

// ---- options
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
};
const list = (name: string) => argv.find((x) => x.startsWith(`--${name}=`))?.split('=')[1].split(',').map((x) => x.trim()).filter(Boolean);
const SECTIONS = ['search', 'list', 'export', 'import', 'scale'] as const;
type Section = (typeof SECTIONS)[number];
const cores = os.cpus().length;
const defaultProcesses = [1, 2, 4, 8, 16].filter((n) => n === 1 || n <= Math.max(2, cores));
// Capped so that the most processes, the load generator and PostgreSQL still fit in the cores.
const DEFAULT_CAP = cores < 2 * Math.max(...defaultProcesses) ? 0.25 : 0;
if (argv.includes('--help')) {
  console.log(`npm run bench [-- options]
  --services=N       services to seed (100000; the issue-5 run uses 200000)
  --bodies=N         bodies in all, real ones included (1000)
  --duration=S       seconds per measured phase (4), after 1 s of warm-up
  --connections=N    connections for the throughput phases, per process (10)
  --only=A,B         sections to run: ${SECTIONS.join(', ')} (all)
  --import-rows=N    rows for the import section (10000)
  --processes=A,B    app processes for the scale section (${defaultProcesses.join(',')} on this machine: 1 and powers of two up to the cores)
  --server-heap=MB   V8 heap limit of the app processes (--max-old-space-size); default: Node's own
  --cpu-per-process=F  scale section: also run each app process capped at F of a core (cgroups;
                     ${DEFAULT_CAP || 'off'} on this machine: on when the cores are fewer than twice the most processes); off: not
  --seed=N           seed of the data generator
  --keep             keep the database (and a throwaway cluster) afterwards
  --cluster          start a throwaway cluster even when DATABASE_URL is set
  --reuse=NAME       measure database NAME on the DATABASE_URL server, left by an earlier --keep run
                     (no seeding; not with the import and scale sections, which write to it)`);
  process.exit(0);
}
const SERVICES = arg('services', 100_000);
const BODIES = arg('bodies', 1000);
const DURATION = arg('duration', 4);
const CONNECTIONS = arg('connections', 10);
const SEED = arg('seed', 20251228);
const IMPORT_ROWS = arg('import-rows', 10_000);
const SERVER_HEAP_MB = arg('server-heap', 0) || undefined;
const capArg = argv.find((x) => x.startsWith('--cpu-per-process='))?.split('=')[1];
const CPU_CAP = capArg === undefined ? DEFAULT_CAP : capArg === 'off' ? 0 : Number(capArg);
const PROCESSES = (list('processes') ?? defaultProcesses.map(String)).map(Number);
const ONLY = list('only') ?? [...SECTIONS];
const unknown = ONLY.filter((x) => !(SECTIONS as readonly string[]).includes(x));
if (unknown.length || PROCESSES.some((n) => !Number.isInteger(n) || n < 1) || !(CPU_CAP >= 0 && CPU_CAP <= cores)) {
  console.error(`unknown section ${unknown.join(', ')}, bad --processes or bad --cpu-per-process; see --help`);
  process.exit(1);
}
const runs = (s: Section) => ONLY.includes(s);
const KEEP = argv.includes('--keep');
const OWN_CLUSTER = argv.includes('--cluster');
const REUSE = argv.find((x) => x.startsWith('--reuse='))?.slice('--reuse='.length);
if (REUSE !== undefined && (!/^bench_[0-9a-f]+$/.test(REUSE) || !process.env.DATABASE_URL || runs('import') || runs('scale'))) {
  console.error('--reuse=bench_<hex> needs DATABASE_URL and --only without import and scale; see --help');
  process.exit(1);
}
const REPO_RUNS = 20;
const COLD_RUNS = 40;
const NEW_TERM_RUNS = 5;

const SEARCHES = [
  { q: '고독사', note: 'inside compounds' },
  { q: '진단', note: 'two syllables' },
  { q: '복지', note: 'frequent' },
  { q: '민원 챗봇', note: 'two words' },
  { q: 'chatbot', note: 'English' },
  { q: '반딧불이', note: 'rare' },
];
const SEARCH_P99_TARGET_MS = 50;
const FACETS_TARGET_MS = 100;
const LIST_RATIO_TARGET = 0.2;
const EXPORT_TARGET_S = 30;
const EXPORT_MEMORY_TARGET = 300 * 1024 * 1024;
const IMPORT_TARGET_S = 20;
const IMPORT_TARGET_ROWS = 10_000;
const SCALE_GROWTH_TARGET = 1.2; // total req/s at 2 processes against 1

/**
 * One connection, sequential requests, each under a new registry generation: a change to the
 * registry commits on another connection before every request, so no kept page applies. `bump`
 * says which change: one service republished elsewhere (a kept match set is brought up to date
 * from the index change log), or a restart of that log (as after a reindex or a restore: every
 * match set is read whole, the first visitor's view).
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

type Stat = ReturnType<typeof stats>;
interface RepoFigures {
  hits: number; searchFirst: Stat; searchAfterPublish: Stat; facetsUncached: Stat; facetsAfterPublish: Stat; facetsCached: Stat;
  explainSearch: number; explainFacets: number;
}

/** The repository calls the routes make, in this process (no HTTP), and EXPLAIN ANALYZE of their SQL. */
async function repositoryFigures(url: string, client: pg.Client, queries: Record<string, string>[], publish: () => Promise<unknown>): Promise<RepoFigures[]> {
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('connect', (c) => { c.query('set jit = off').catch(() => {}); }); // as the app's pool (database.ts)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.level === 'query') captured.push(e.query); } });
  const capture = async (fn: () => Promise<unknown>) => {
    captured.length = 0;
    await fn();
    return captured.filter((q) => /^\s*(select|with)\b/i.test(q.sql));
  };
  const explainMs = async (qs: CompiledQuery[]) => {
    let total = 0;
    for (const q of qs) total += (await client.query(`explain (analyze, format json) ${q.sql}`, q.parameters as unknown[])).rows[0]['QUERY PLAN'][0]['Execution Time'];
    return total;
  };
  const out: RepoFigures[] = [];
  try {
    for (const query of queries) {
      const f = parseServiceFilter(query);
      // inside a transaction nothing kept is used: the uncached cost
      const uncachedFacets = () => db.transaction().execute((trx) => facetCounts(trx, f));
      const searchSql = await capture(() => searchServices(db, f)); // first call: nothing kept yet
      const facetSql = await capture(uncachedFacets);
      out.push({
        hits: (await searchServices(db, f)).total,
        searchFirst: await timeCalls(() => db.transaction().execute((trx) => searchServices(trx, f)), REPO_RUNS),
        searchAfterPublish: await timeCalls(() => searchServices(db, f), REPO_RUNS, publish),
        facetsUncached: await timeCalls(uncachedFacets, REPO_RUNS),
        facetsAfterPublish: await timeCalls(() => facetCounts(db, f), REPO_RUNS, publish),
        facetsCached: await timeCalls(() => facetCounts(db, f), REPO_RUNS),
        explainSearch: await explainMs(searchSql),
        explainFacets: await explainMs(facetSql),
      });
    }
  } finally {
    await db.destroy();
  }
  return out;
}

/** A database an earlier run kept (--reuse): measured as it is, dropped by nobody. */
function reusedDatabase(serverUrl: string, name: string): BenchDatabase {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), where: `${u.host}/${name} (DATABASE_URL server, reused)`, cleanup: async () => {} };
}

/** What a reused database holds, in the shape of the seeding report (no timings). */
async function seededAlready(url: string): Promise<Awaited<ReturnType<typeof bulkSeed>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const n = async (q: string) => Number((await client.query(q)).rows[0].n);
    return { services: await n('select count(*)::int n from services'), versions: await n('select count(*)::int n from service_versions'),
      bodies: await n('select count(*)::int n from bodies'), insertMs: NaN, indexMs: NaN, analyzeMs: NaN, validated: 0 };
  } finally {
    await client.end();
  }
}

async function main() {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]; // nothing of ours running yet: other work on the machine
  let target: BenchDatabase;
  try {
    target = REUSE ? reusedDatabase(process.env.DATABASE_URL!, REUSE) : await provisionDatabase({ keep: KEEP, ownCluster: OWN_CLUSTER, log });
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
    await servers?.stop();
    servers = undefined;
    await target.cleanup();
  };
  process.once('SIGINT', () => { void cleanup().finally(() => process.exit(130)); });
  try {
    log(`database: ${target.where}; sections: ${ONLY.join(', ')}`);
    // ---- schema and bodies through the app's own code, then the bulk load
    const database = await openDatabase({ databaseUrl: target.url, dataDir: '' });
    await migrateToLatest(database.db);
    if (!REUSE) await seed(database.db, { demo: false });
    await database.close();
    log(REUSE ? `reusing ${REUSE}: no seeding` : `seeding ${int(SERVICES)} services over ${int(BODIES)} bodies…`);
    const t0 = performance.now();
    const seeded = REUSE ? await seededAlready(target.url) : await bulkSeed(target.url, { services: SERVICES, bodies: BODIES, seed: SEED, log });
    const seedMs = performance.now() - t0;
    const officer: Officer | undefined = runs('import') || runs('scale') ? await benchOfficer(target.url, '41110') : undefined;

    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const version = (await client.query('show server_version')).rows[0].server_version as string;
    const size = (await client.query('select pg_size_pretty(pg_database_size(current_database())) s')).rows[0].s as string;
    const ids = (await client.query('select public_id from services order by md5(public_id) limit 200')).rows.map((r) => r.public_id as string);
    const nextXid = async () => Number((await client.query('select n from registry_generation')).rows[0].n); // the registry generation
    // committed changes to the registry elsewhere, each making a new generation: one service's index
    // row written again (as a publish writes it), or the index log restarted (as a reindex does)
    const touchIds = (await client.query('select service_id from service_index order by md5(service_id::text) limit 500')).rows.map((r) => r.service_id as number);
    let touched = 0;
    const bump = () => client.query('update service_index set published_at = published_at where service_id = $1', [touchIds[touched++ % touchIds.length]]);
    const bumpAll = () => client.query('update registry_generation set n = n + 1, log_from = n + 1');
    // a term never searched since a reindex or a restore: no posting (migration 010), and the change log restarted
    const forgetPostings = (q: string) => async () => {
      await client.query('delete from search_postings where term = any($1)', [(parseQuery(q)?.terms ?? []).flatMap((t) => ['', '^', '~'].map((m) => m + t))]);
      await bumpAll();
    };

    // ---- repository and SQL baselines, in this process (no HTTP): the calls the routes make
    let repoSearch: RepoFigures[] = [];
    let repoList: RepoFigures | undefined;
    let repoField: RepoFigures | undefined;
    if (runs('search') || runs('list')) {
      log('timing repository calls and SQL…');
      const figures = await repositoryFigures(target.url, client, [...SEARCHES.map((s) => ({ q: s.q })), {}, { field: 'welfare' }], bump);
      repoSearch = figures.slice(0, SEARCHES.length);
      [repoList, repoField] = figures.slice(SEARCHES.length);
    }

    // ---- HTTP: the app in a child process and the bare route, in the same run
    servers = await startServers(target.url, { heapMb: SERVER_HEAP_MB });
    const s = servers;
    log('measuring over HTTP…');
    const loadBefore = os.loadavg()[0];
    const xidBefore = await nextXid();
    const measure = async (base: string, paths: string[], connections: number, headers?: Record<string, string>) => {
      await load(base, paths, connections, 1, headers); // warm-up, not recorded
      await s.drain();
      const r = await load(base, paths, connections, DURATION, headers);
      await s.drain();
      return r;
    };
    const BROWSER = { 'accept-encoding': 'gzip, deflate, br' }; // what every browser sends with a page request
    const CLIENT = { 'accept-encoding': 'gzip, deflate' }; // what HTTP libraries send by default (Node's fetch, Python's requests; Go's adds gzip)
    const bare1 = await measure(s.bare, [''], 1);
    const bareN = await measure(s.bare, [''], CONNECTIONS);
    const search = new Map<string, Load>();
    const searchCold = new Map<string, Awaited<ReturnType<typeof cold>>>();
    const searchFirst = new Map<string, Awaited<ReturnType<typeof cold>>>();
    const searchNewTerm = new Map<string, Awaited<ReturnType<typeof cold>>>();
    let ownXids = 0;
    if (runs('search')) {
      for (const q of SEARCHES) search.set(q.q, await measure(s.app, [`/api/v1/services?q=${encodeURIComponent(q.q)}`], 1));
      const xidBeforeCold = await nextXid();
      for (const q of SEARCHES) searchCold.set(q.q, await cold(s.app, `/api/v1/services?q=${encodeURIComponent(q.q)}`, bump, COLD_RUNS));
      for (const q of SEARCHES) searchFirst.set(q.q, await cold(s.app, `/api/v1/services?q=${encodeURIComponent(q.q)}`, bumpAll, COLD_RUNS));
      for (const q of SEARCHES) searchNewTerm.set(q.q, await cold(s.app, `/api/v1/services?q=${encodeURIComponent(q.q)}`, forgetPostings(q.q), NEW_TERM_RUNS));
      ownXids += (await nextXid()) - xidBeforeCold;
    }
    let lists: { cold: Awaited<ReturnType<typeof cold>>; apiBytes: number; apiGzipBytes: number; api: Load; apiPlain: Load; html: Load; htmlPlain: Load; api1: Load; html1: Load; field: Load; detailApi: Load; detailHtml: Load } | undefined;
    if (runs('list')) {
      const xidBeforeCold = await nextXid();
      const listCold = await cold(s.app, '/api/v1/services', bump, COLD_RUNS);
      ownXids += (await nextXid()) - xidBeforeCold;
      lists = {
        cold: listCold,
        apiBytes: await bodyBytes(`${s.app}/api/v1/services`, 'identity'),
        apiGzipBytes: await bodyBytes(`${s.app}/api/v1/services`, 'gzip'),
        api: await measure(s.app, ['/api/v1/services'], CONNECTIONS, CLIENT),
        apiPlain: await measure(s.app, ['/api/v1/services'], CONNECTIONS),
        html: await measure(s.app, ['/services'], CONNECTIONS, BROWSER),
        htmlPlain: await measure(s.app, ['/services'], CONNECTIONS),
        api1: await measure(s.app, ['/api/v1/services'], 1, CLIENT),
        html1: await measure(s.app, ['/services'], 1, BROWSER),
        field: await measure(s.app, ['/api/v1/services?field=welfare'], 1),
        detailApi: await measure(s.app, ids.map((id) => `/api/v1/services/${id}`), 1),
        detailHtml: await measure(s.app, ids.map((id) => `/services/${id}`), 1),
      };
    }
    const xids = (await nextXid()) - xidBefore - ownXids;
    const loadAfter = os.loadavg()[0];

    await s.stop();
    servers = undefined;

    // Export and import in a fresh app process: its memory is the export's, not the garbage of the
    // load phases above.
    let exported: ExportResult | undefined;
    let imported: ImportResult | undefined;
    if (runs('export') || runs('import')) {
      servers = await startServers(target.url, { heapMb: SERVER_HEAP_MB });
      if (runs('export')) {
        log('export: GET /api/v1/export.csv…');
        await fetch(`${servers.app}/api/v1/services`).then((r) => r.arrayBuffer()); // one request: the app is up
        exported = await measureExport(servers, target.url);
        await servers.drain();
      }
      if (runs('import')) {
        log(`import: ${int(IMPORT_ROWS)} rows through POST /api/v1/imports…`);
        imported = await measureImport(servers.app, target.url, officer!, IMPORT_ROWS, SEED + 1);
      }
      await servers.stop();
      servers = undefined;
    }

    let scaled: ScaleResult | undefined;
    if (runs('scale')) {
      log(`scale: ${PROCESSES.join(', ')} app processes against the one database…`);
      const paths: string[] = [];
      ids.forEach((id, i) => {
        paths.push(`/api/v1/services/${id}`, `/services/${id}`);
        if (i % 2 === 1) paths.push(`/api/v1/services?q=${encodeURIComponent(SEARCHES[(i >> 1) % SEARCHES.length].q)}`);
      });
      scaled = await measureScale(target.url, { processes: PROCESSES, paths, connections: CONNECTIONS, duration: DURATION, account: officer, heapMb: SERVER_HEAP_MB, capCores: CPU_CAP, log });
    }
    const measureSeconds = (performance.now() - started) / 1000;
    await client.end();

    // ---- report
    const v = new Verdicts();
    const verdict = (ok: boolean, h: Load) => v.mark(ok, h.ok === 0 ? 'no response' : h.bad ? `${h.bad} errors` : '');

    log('');
    log(`Gyeonggi Public AI Registry benchmark: ${int(seeded.services)} services (${int(seeded.versions)} versions), ${int(seeded.bodies)} bodies; PostgreSQL ${version.split(' ')[0]}, ${size}`);
    log(`Machine: ${cores} cores, load average ${fmt(loadAtStart, 2)} at the start (other work), ${fmt(loadBefore, 2)} and ${fmt(loadAfter, 2)} around the HTTP phases; ${int(xids)} changes to the registry elsewhere meanwhile (each one makes a new generation: nothing kept applies after it).`);
    if (REUSE) log(`Seeding: none, database ${REUSE} reused as an earlier run left it (--reuse).`);
    else log(`Seeding: ${fmt(seedMs / 1000)} s (rows ${fmt(seeded.insertMs / 1000)} s, indexes ${fmt(seeded.indexMs / 1000)} s, vacuum analyze ${fmt(seeded.analyzeMs / 1000)} s; ${seeded.validated} sampled disclosures validated).`);
    log(`Baseline, bare Fastify route {ok:true}: 1 connection p50 ${fmt(bare1.p50, 2)} ms, p99 ${fmt(bare1.p99, 2)} ms; ${CONNECTIONS} connections ${int(bareN.rps)} req/s.`);

    if (runs('search')) {
      log('');
      log(`Search: GET /api/v1/services?q=… (page of 20, total and facets), 1 connection. Target: p99 < ${SEARCH_P99_TARGET_MS} ms.`);
      log(`  ${COLD_RUNS} sequential requests, each under a new registry generation (no kept page applies), after a committed change elsewhere:`);
      log(`    after a publish: one service's index row written again (the kept match set is brought up to date from the change log);`);
      log(`    first search: the change log restarted (every kept match set is read again: from the postings of its terms, migration 010);`);
      log(`  term's first search: ${NEW_TERM_RUNS} requests, each after the query's postings were deleted and the log restarted, as after a reindex`);
      log(`    or a restore: the match read from the index and its terms kept as postings in the same request (reported, no target).`);
      log(`  repeated: autocannon, the same query for ${DURATION} s (the page kept for the generation: a popular query).`);
      log(`Baselines: the bare route (above); the same repository calls in this process (p50 / p99 of ${REPO_RUNS}); EXPLAIN ANALYZE`);
      log(`  execution time of the SQL of a first search + of its facets.`);
      table(['query', 'hits', 'after a publish ms', 'first search ms', "term's first search ms", 'repeated ms', 'repository: after a publish / first ms', 'EXPLAIN ms', 'target', 'live (publish, repeated)', 'first search'],
        SEARCHES.map((q, i) => {
          const h = search.get(q.q)!;
          const c = searchCold.get(q.q)!;
          const f = searchFirst.get(q.q)!;
          const r = repoSearch[i];
          const ok = c.bad === 0 && c.p99 < SEARCH_P99_TARGET_MS && h.ok > 0 && h.bad === 0 && h.p99 < SEARCH_P99_TARGET_MS;
          const nt = searchNewTerm.get(q.q)!;
          return [`${q.q} (${q.note})`, int(r.hits), pair(c), pair(f), pair(nt) + (nt.bad ? ` (${nt.bad} errors)` : ''), pair(h), `${pair(r.searchAfterPublish)} / ${pair(r.searchFirst)}`,
            `${fmt(r.explainSearch)} + ${fmt(r.explainFacets)}`, `p99 < ${SEARCH_P99_TARGET_MS}`,
            verdict(ok, h) + (c.bad ? ` (${c.bad} errors)` : ''), v.mark(f.bad === 0 && f.p99 < SEARCH_P99_TARGET_MS, f.bad ? `${f.bad} errors` : '')];
        }));
      log('');
      log(`Facet counts alone: repository facetCounts, p50 / p99 of ${REPO_RUNS} in this process. Target: p99 < ${FACETS_TARGET_MS} ms.`);
      log(`  computed: inside a transaction (nothing kept: the match read and counted); after a publish: one service changed before each call.`);
      const facetRows: [string, RepoFigures][] = [['(no filter: the whole registry)', repoList!], ['?field=welfare', repoField!], ...SEARCHES.map((q, i) => [`q=${q.q}`, repoSearch[i]] as [string, RepoFigures])];
      table(['filter', 'hits', 'computed ms', 'after a publish ms', 'kept ms', 'EXPLAIN ms', 'target', 'computed', 'after a publish'],
        facetRows.map(([label, r]) => [label, int(r.hits), pair(r.facetsUncached), pair(r.facetsAfterPublish), pair(r.facetsCached, 2), fmt(r.explainFacets), `p99 < ${FACETS_TARGET_MS}`,
          v.mark(r.facetsUncached.p99 < FACETS_TARGET_MS), v.mark(r.facetsAfterPublish.p99 < FACETS_TARGET_MS)]));
    }

    if (lists && repoList && repoField) {
      log('');
      const bareTarget = bareN.rps * LIST_RATIO_TARGET;
      log(`List page: ${CONNECTIONS} connections for ${DURATION} s (first page, newest first). Target: at least 1/5 of the bare route's throughput, ${int(bareN.rps)} / 5 = ${int(bareTarget)} req/s.`);
      const listRow = (label: string, h: Load, h1: Load) =>
        [label, int(h.rps), pair(h), pair(h1), int(bareN.rps), h.rps > 0 ? `1/${fmt(bareN.rps / h.rps)}` : '-', `>= ${int(bareTarget)}`, verdict(h.ok > 0 && h.bad === 0 && h.rps >= bareTarget, h)];
      table(['endpoint', 'req/s', 'p50 / p99 ms', '1 conn p50 / p99 ms', 'bare req/s', 'ratio', 'target', 'result'], [
        listRow('/api/v1/services (JSON, gzip)', lists.api, lists.api1),
        listRow('/services (HTML, gzip)', lists.html, lists.html1),
      ]);
      log(`Without Accept-Encoding (browsers and HTTP libraries send it; curl does not), reported: /services (HTML) ${int(lists.htmlPlain.rps)} req/s, p50 / p99 ${pair(lists.htmlPlain)} ms, 1/${fmt(bareN.rps / Math.max(1, lists.htmlPlain.rps))} of the bare route;`);
      log(`  /api/v1/services (JSON, ${fmt(lists.apiBytes / 1024)} KB a page, ${fmt(lists.apiGzipBytes / 1024)} KB gzipped) ${int(lists.apiPlain.rps)} req/s, p50 / p99 ${pair(lists.apiPlain)} ms, 1/${fmt(bareN.rps / Math.max(1, lists.apiPlain.rps))} of the bare route.`);
      log(`/api/v1/services cold (1 connection, a new registry generation before each request): p50 / p99 ${pair(lists.cold)} ms.`);
      log(`Repository, unfiltered: search ${pair(repoList.searchFirst)} ms (after a publish ${pair(repoList.searchAfterPublish)}), facets uncached ${pair(repoList.facetsUncached)} ms, cached ${pair(repoList.facetsCached, 2)} ms; EXPLAIN ${fmt(repoList.explainSearch)} + ${fmt(repoList.explainFacets)} ms.`);
      log('');
      log(`Detail and a facet filter: 1 connection for ${DURATION} s (detail rotates over ${ids.length} services). No target; the bare route is the baseline.`);
      const errs = (h: Load) => (h.bad ? `${h.bad} errors` : '');
      table(['endpoint', 'p50 ms', 'p99 ms', 'req/s', 'repository', ''], [
        ['/api/v1/services/{id}', fmt(lists.detailApi.p50), fmt(lists.detailApi.p99), int(lists.detailApi.rps), '', errs(lists.detailApi)],
        ['/services/{id} (HTML)', fmt(lists.detailHtml.p50), fmt(lists.detailHtml.p99), int(lists.detailHtml.rps), '', errs(lists.detailHtml)],
        ['/api/v1/services?field=welfare', fmt(lists.field.p50), fmt(lists.field.p99), int(lists.field.rps),
          `search ${pair(repoField.searchFirst)} (after a publish ${pair(repoField.searchAfterPublish)}), facets uncached ${pair(repoField.facetsUncached)}, cached ${pair(repoField.facetsCached, 2)} ms`, errs(lists.field)],
      ]);
    }

    if (exported) {
      const { formatted: f, stored: st, storedLines, fill, baseline } = exported;
      log('');
      log(`Bulk export: GET /api/v1/export.csv (streamed, every published service) read to the end over loopback, from a fresh app process (one request served before), twice:`);
      log(`  no lines stored (${int(storedLines.before)} before): every disclosure read, parsed and formatted, none stored by the export (the first export after a deploy that changed the formatting code, before the background fill has run);`);
      log(`  the background fill that export started then stored ${int(storedLines.after)} lines in ${fmt(fill.ms / 1000)} s after its end${fill.complete ? '' : ' (NOT every line: the fill ended short of them)'}, the server at ${mb(fill.peakRss)} resident at most meanwhile (reported, no target);`);
      log(`  then from the stored lines (the usual export: only lines whose inputs changed since are formatted). The two answers are ${f.sha256 === st.sha256 ? 'the same bytes (SHA-256)' : 'NOT the same bytes'}.`);
      log(`Targets: under ${EXPORT_TARGET_S} s and the server process under ${mb(EXPORT_MEMORY_TARGET)} (peak resident memory while it streams; ${f.peakFromHwm ? 'VmHWM reset before the request, and VmRSS sampled every 25 ms' : 'VmRSS sampled every 25 ms; VmHWM could not be reset'}).`);
      log(`On PostgreSQL two worker threads of the server format alternate pages, each with its own V8 heap (32 MB old generation; src/features/exports/export-thread.ts):`);
      log(`  the resident memory above counts it; the main thread's V8 heap in use peaked at ${mb(f.inside.heapUsed)} · ${mb(st.inside.heapUsed)}, external ${mb(f.inside.external)} · ${mb(st.inside.external)}; heap limit ${SERVER_HEAP_MB ? `${SERVER_HEAP_MB} MB (--server-heap)` : "Node's default"}.`);
      log(`Baseline: the same rows read with raw SQL through one cursor (1,000 a fetch, values as text, no CSV): ${fmt(baseline.ms / 1000)} s, ${int(baseline.rows)} rows, ${mb(baseline.bytes)} of values.`);
      const same = f.sha256 === st.sha256;
      const rows = ([['no lines stored', f], ['lines stored', st]] as const).flatMap(([name, e]) => {
        const complete = e.status === 200 && e.rows === e.expectedRows && same;
        const why = e.status !== 200 || e.rows !== e.expectedRows ? `HTTP ${e.status}, ${int(e.rows)} rows` : same ? '' : 'answers differ';
        return [
          [`export.csv, ${name}: time`, `${int(e.rows)} of ${int(e.expectedRows)}`, mb(e.bytes), fmt(e.firstByteMs, 0), fmt(e.ms / 1000), int(e.rows / (e.ms / 1000)), fmt(baseline.ms / 1000), '', '',
            `< ${EXPORT_TARGET_S} s`, v.mark(complete && e.ms < EXPORT_TARGET_S * 1000, why)],
          [`export.csv, ${name}: memory`, '', '', '', '', '', '', mb(e.rssBefore), mb(e.peakRss), `< ${mb(EXPORT_MEMORY_TARGET)}`, v.mark(complete && e.peakRss < EXPORT_MEMORY_TARGET, why)],
        ];
      });
      table(['export', 'rows', 'bytes', 'first byte ms', 'time s', 'rows/s', 'raw SQL s', 'RSS before', 'peak RSS', 'target', 'result'], rows);
    }

    if (imported) {
      const m = imported;
      log('');
      log(`Import: ${int(m.rows)} new services for one body as ${m.files} CSV file${m.files > 1 ? 's' : ''} (${mb(m.bytes)}; the importer takes at most ${int(MAX_ROWS)} rows and ${mb(MAX_BYTES)} a file), POST /api/v1/imports with an officer's token:`);
      log(`  each file read, every row checked against the disclosure schema, and saved as drafts in one transaction (all rows or none).`);
      log(`Target: ${int(IMPORT_TARGET_ROWS)} rows in under ${IMPORT_TARGET_S} s (scaled to the rows imported). Baseline: the same disclosures inserted with one raw SQL statement (rolled back).`);
      const budget = (IMPORT_TARGET_S * m.rows) / IMPORT_TARGET_ROWS;
      const ok = m.failures.length === 0 && m.saved === m.rows;
      table(['import', 'rows', 'files', 'check only s', 'check + save s', 'rows/s', 'raw SQL insert s', 'target', 'result'], [
        ['POST /api/v1/imports', int(m.rows), String(m.files), fmt(m.checkMs / 1000), fmt(m.importMs / 1000), int(m.rows / (m.importMs / 1000)), fmt(m.baselineMs / 1000),
          `< ${fmt(budget)} s`, v.mark(ok && m.importMs < budget * 1000, ok ? '' : `${int(m.saved)} saved`)],
      ]);
      for (const f of m.failures.slice(0, 5)) log(`  problem: ${f}`);
    }

    if (scaled) {
      log('');
      log(`Several app processes against the one PostgreSQL: each process its own pool and port, ${CONNECTIONS} connections each for ${DURATION} s after a warm-up (5 s a process alone, then 3 s together),`);
      log(`  a mix of /api/v1/services/{id}, /services/{id} and searches (2 detail : 1 search). Load generator: this process (one thread).`);
      log(`  Cores busy (from /proc): the app processes, the load generator, local PostgreSQL processes, the whole machine (of ${cores}).`);
      log(`Stateless servers: a session signed in on process 1 ${scaled.sessionShared === undefined ? 'was not tried (one process)' : scaled.sessionShared ? 'opens the back office on process 2' : 'was NOT honoured by process 2'}.`);
      // The growth target is judged where each process has CPU of its own: the capped series when it ran.
      const judged = scaled.capped ?? scaled.rows;
      const rowsOf = (rows: ScaleRow[], cap: string) => {
        const base = rows[0];
        const two = rows.find((r) => r.processes === 2);
        return rows.map((r) => [String(r.processes), cap, int(r.total.rps), r.perProcess.map(int).join(' + '), pair(r.total), `${fmt(r.total.rps / base.total.rps, 2)}×`,
          r.appCpuMs === undefined ? '-' : fmt(r.appCpuMs, 3),
          r.cores ? [r.cores.app, r.cores.loadGenerator, r.cores.postgres, r.cores.machine].map((c) => (c === undefined ? '-' : fmt(c, 2))).join(' · ') : '-',
          r.total.bad ? `${r.total.bad} (${r.total.fivexx} 5xx)` : '0',
          r === two && rows === judged ? `>= ${fmt(SCALE_GROWTH_TARGET, 1)}×` : '',
          r === two && rows === judged ? v.mark(r.total.rps >= SCALE_GROWTH_TARGET * base.total.rps && r.total.fivexx === 0) : '']);
      };
      table(['processes', 'CPU each', 'total req/s', 'per process req/s', 'worst p50 / p99 ms', 'vs 1 process', 'app CPU ms/req', 'cores: app · load · pg · machine', 'errors', 'target', 'result'],
        [...rowsOf(scaled.rows, 'all'), ...(scaled.capped ? rowsOf(scaled.capped, `${scaled.capCores} core`) : [])]);
      if (scaled.sessionShared !== undefined) v.mark(scaled.sessionShared);
      if (scaled.capped) {
        log(`The uncapped rows share ${cores} cores between the app processes, PostgreSQL and the load generator: where the machine is already busy at one process, a second has no core of its own.`);
        log(`The capped rows give each app process ${scaled.capCores} of a core (cgroup CPU quota), a small machine each: the growth target is judged there. App CPU per request staying flat as processes are added means they hold nothing back from each other.`);
      } else if (cores <= 2) {
        log(`Note: ${cores} cores for the app processes, PostgreSQL and the load generator together: a second process has no core of its own, so totals cannot grow much here; on more cores run --processes=1,2,4,… .`);
      }
    }

    log('');
    const failed = v.results.filter((r) => !r).length;
    log(failed === 0 ? `All ${v.results.length} targets met.` : `${failed} of ${v.results.length} targets MISSED (FAIL above).`);
    if (loadAtStart > cores / 2) {
      log(`Note: other work was running on the machine (load average ${fmt(loadAtStart, 2)} on ${cores} cores at the start): latencies include waiting for a CPU.`);
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
