/**
 * Several application processes against one PostgreSQL: N = 1, 2, … processes (bench/server.ts,
 * each its own pool) on their own ports, loaded together by autocannon (one instance per process,
 * the same number of connections each) with a mix of searches and detail pages. Reports total
 * req/s per N. First checks that the servers are stateless: a session signed in on one process is
 * honoured by another (sessions live in the database).
 * The load generator runs in this process, on the same machine: with few cores the servers, the
 * load generator and PostgreSQL compete for them, and the report says so.
 */
import os from 'node:os';
import { load, startServers, type Load, type Servers } from './lib.ts';

export interface ScaleRow { processes: number; total: Load; perProcess: number[] }
export interface ScaleResult { rows: ScaleRow[]; sessionShared: boolean | undefined; cores: number }

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

export async function measureScale(url: string, opts: {
  processes: number[]; paths: string[]; connections: number; duration: number; account?: { email: string; password: string }; heapMb?: number; log: (s: string) => void;
}): Promise<ScaleResult> {
  const rows: ScaleRow[] = [];
  let sessionShared: boolean | undefined;
  for (const n of opts.processes) {
    const servers: Servers[] = [];
    try {
      for (let i = 0; i < n; i++) servers.push(await startServers(url, { heapMb: opts.heapMb }));
      if (n >= 2 && opts.account && sessionShared === undefined) {
        sessionShared = await sessionAcross(servers[0].app, servers[1].app, opts.account.email, opts.account.password);
      }
      opts.log(`  ${n} process${n > 1 ? 'es' : ''}, ${opts.connections} connections each…`);
      // Each instance starts at a different place in the path list, so processes do not move in step.
      const rotate = (i: number) => opts.paths.map((_, k) => opts.paths[(k + i * 7) % opts.paths.length]);
      await Promise.all(servers.map((s, i) => load(s.app, rotate(i), opts.connections, 1))); // warm-up
      await Promise.all(servers.map((s) => s.drain()));
      const parts = await Promise.all(servers.map((s, i) => load(s.app, rotate(i), opts.connections, opts.duration)));
      await Promise.all(servers.map((s) => s.drain()));
      rows.push({ processes: n, total: aggregate(parts), perProcess: parts.map((p) => p.rps) });
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }
  return { rows, sessionShared, cores: os.cpus().length };
}
