/**
 * Several application processes against one PostgreSQL: N = 1, 2, … processes (bench/server.ts,
 * each its own pool) on their own ports, loaded together by autocannon (one instance per process,
 * the same number of connections each) with a mix of searches and detail pages. Reports total
 * req/s per N. First checks that the servers are stateless: a session signed in on one process is
 * honoured by another (sessions live in the database).
 * The load generator runs in this process, on the same machine: with few cores the servers, the
 * load generator and PostgreSQL compete for them. So each row also says where the CPU went (app
 * processes, load generator, PostgreSQL, whole machine), and a second series caps each app process
 * at a fraction of a core (bench/cpu.ts): a small machine of its own each, so that whether capacity
 * adds up across processes shows even on two cores.
 */
import os from 'node:os';
import { cpuSeconds, cpuSecondsNamed, machineCpu } from './cpu.ts';
import { load, startServers, type Load, type Servers } from './lib.ts';

export interface ScaleRow {
  processes: number;
  total: Load;
  perProcess: number[];
  /** CPU milliseconds the app processes spent per answered request, all together. */
  appCpuMs?: number;
  /** Cores busy during the load: the app processes, the load generator, local PostgreSQL, the whole machine. */
  cores?: { app: number; loadGenerator: number; postgres?: number; machine?: number };
}
export interface ScaleResult {
  /** The processes as they are: on a small machine they share its cores with PostgreSQL and the load generator. */
  rows: ScaleRow[];
  /** Each process capped at `capCores` of CPU (a machine of its own, in small); undefined when not run or not possible. */
  capped?: ScaleRow[];
  capCores?: number;
  sessionShared: boolean | undefined;
  cores: number;
}

const WARM_ALONE_S = 5;
const WARM_TOGETHER_S = 3;

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]);

/** Signs in on `a` through the login form and opens the back office on `b` with that cookie. */
export async function sessionAcross(a: string, b: string, email: string, password: string): Promise<boolean> {
  const page = await fetch(`${a}/office/login`, { headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) return false;
  const login = await fetch(`${a}/office/login`, {
    method: 'POST', redirect: 'manual',
    headers: { accept: 'text/html', cookie: cookiesOf(page).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: csrf, next: '/office' }).toString(),
  });
  await login.arrayBuffer();
  if (login.status !== 303) return false;
  const office = await fetch(`${b}/office`, { redirect: 'manual', headers: { accept: 'text/html', cookie: cookiesOf(login).join('; ') } });
  const html = await office.text();
  return office.status === 200 && html.includes('name="_csrf"');
}

function aggregate(parts: Load[]): Load {
  const ok = parts.reduce((n, p) => n + p.ok, 0);
  // p50 / p99 across processes: the worst of the parts (each part is one process's own distribution)
  return {
    rps: parts.reduce((n, p) => n + p.rps, 0), ok, bad: parts.reduce((n, p) => n + p.bad, 0), fivexx: parts.reduce((n, p) => n + p.fivexx, 0),
    p50: Math.max(...parts.map((p) => p.p50)), p99: Math.max(...parts.map((p) => p.p99)),
  };
}

interface Options {
  processes: number[]; paths: string[]; connections: number; duration: number; account?: { email: string; password: string }; heapMb?: number; log: (s: string) => void;
  /** Also run every process count with each process capped at this much CPU (0 or undefined: not). */
  capCores?: number;
}

export async function measureScale(url: string, opts: Options): Promise<ScaleResult> {
  const shared = { session: undefined as boolean | undefined };
  const rows = (await series(url, opts, undefined, shared))!; // uncapped: always measured
  let capped: ScaleRow[] | undefined;
  if (opts.capCores) {
    opts.log(`  again with each process capped at ${opts.capCores} of a core…`);
    capped = await series(url, opts, opts.capCores, shared);
  }
  return { rows, capped, capCores: capped ? opts.capCores : undefined, sessionShared: shared.session, cores: os.cpus().length };
}

/** One row per process count; undefined when a cap was asked for and the system cannot set it. */
async function series(url: string, opts: Options, capCores: number | undefined, shared: { session: boolean | undefined }) {
  const rows: ScaleRow[] = [];
  for (const n of opts.processes) {
    const servers: Servers[] = [];
    try {
      for (let i = 0; i < n; i++) servers.push(await startServers(url, { heapMb: opts.heapMb }));
      if (n >= 2 && opts.account && shared.session === undefined) {
        shared.session = await sessionAcross(servers[0].app, servers[1].app, opts.account.email, opts.account.password);
      }
      opts.log(`  ${n} process${n > 1 ? 'es' : ''}, ${opts.connections} connections each${capCores ? `, ${capCores} core each` : ''}…`);
      // Each instance starts at a different place in the path list, so processes do not move in step.
      const rotate = (i: number) => opts.paths.map((_, k) => opts.paths[(k + i * 7) % opts.paths.length]);
      // Steady state is measured, not a start: each process is warmed alone, with the machine to
      // itself, until its pages are kept and V8 has optimized the code the load runs. Warmed for
      // 2 s together instead, a process still spent 3 to 4 times the CPU per request when measured
      // (0.83 against 0.24 ms), and 10 times when capped (2.6 ms).
      for (const [i, s] of servers.entries()) {
        await load(s.app, rotate(i), opts.connections, WARM_ALONE_S);
        await s.drain();
      }
      if (capCores && !servers.every((s) => s.capCpu(capCores))) {
        opts.log('  no writable cgroup CPU controller here: the capped series is skipped');
        return undefined;
      }
      await Promise.all(servers.map((s, i) => load(s.app, rotate(i), opts.connections, WARM_TOGETHER_S)));
      await Promise.all(servers.map((s) => s.drain()));
      const before = usage(servers);
      const parts = await Promise.all(servers.map((s, i) => load(s.app, rotate(i), opts.connections, opts.duration)));
      const after = usage(servers);
      await Promise.all(servers.map((s) => s.drain()));
      const total = aggregate(parts);
      rows.push({ processes: n, total, perProcess: parts.map((p) => p.rps), ...cpuBetween(before, after, total.ok) });
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }
  return rows;
}

function usage(servers: Servers[]) {
  const app = servers.map((s) => cpuSeconds(s.child.pid!));
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    app: app.every((v) => v !== undefined) ? app.reduce((a, b) => a! + b!, 0) : undefined,
    loadGenerator: (self.user + self.system) / 1e6,
    postgres: cpuSecondsNamed('postgres'),
    machine: machineCpu()?.busy,
  };
}

function cpuBetween(a: ReturnType<typeof usage>, b: ReturnType<typeof usage>, answered: number): Pick<ScaleRow, 'appCpuMs' | 'cores'> {
  if (a.app === undefined || b.app === undefined) return {};
  const seconds = (b.at - a.at) / 1000;
  // A PostgreSQL backend that ends during the load takes its CPU time out of the sum: that figure
  // is a lower bound (never below 0).
  const per = (x?: number, y?: number) => (x === undefined || y === undefined ? undefined : Math.max(0, y - x) / seconds);
  return {
    appCpuMs: ((b.app - a.app) * 1000) / Math.max(1, answered),
    cores: { app: per(a.app, b.app)!, loadGenerator: per(a.loadGenerator, b.loadGenerator)!, postgres: per(a.postgres, b.postgres), machine: per(a.machine, b.machine) },
  };
}
