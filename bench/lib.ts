/**
 * What the benchmark sections share: percentiles, an autocannon load with per-response latency,
 * the app servers in child processes (bench/server.ts), the memory of a process, number formats
 * and the report table.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { capCpu, type CpuCap } from './cpu.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export const log = (s: string) => console.log(s);
export const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }) : '-');
export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '-');
export const pair = (s: { p50: number; p99: number }, d = 1) => `${fmt(s.p50, d)} / ${fmt(s.p99, d)}`;
export const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 0)} MB`;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
export function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), n: s.length };
}

/** p50 / p99 of `runs` calls after 3 unmeasured ones; `before` runs untimed ahead of each call. */
export async function timeCalls(fn: () => Promise<unknown>, runs: number, before?: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) { await before?.(); await fn(); }
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const t1 = performance.now();
    await fn();
    t.push(performance.now() - t1);
  }
  return stats(t);
}

// ---- HTTP load with autocannon: latency of every 2xx response (sub-millisecond), throughput of 2xx
export interface Load { p50: number; p99: number; rps: number; ok: number; bad: number; fivexx: number }

export function load(base: string, paths: string[], connections: number, duration: number, headers?: Record<string, string>): Promise<Load> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let fivexx = 0;
    let i = 0;
    const requests = paths.length > 1 ? [{ method: 'GET', setupRequest: (req: { path?: string }) => ({ ...req, path: paths[i++ % paths.length] }) }] : undefined;
    const instance = autocannon({ url: base + paths[0], connections, duration, timeout: 30, requests, headers }, (err, result) => {
      if (err) return reject(err);
      const s = stats(latencies);
      resolve({ p50: s.p50, p99: s.p99, rps: result['2xx'] / result.duration, ok: result['2xx'], bad: result.non2xx + result.errors + result.timeouts, fivexx });
    });
    instance.on('response', (_c, status, _b, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else if (status >= 500) fivexx++;
    });
  });
}

// ---- the servers under test, in a child process
export interface MemoryPeaks { rss: number; heapUsed: number; external: number; arrayBuffers: number }
export interface Servers {
  child: ChildProcess;
  app: string;
  bare: string;
  /** Waits until the requests the server received are answered. */
  drain(): Promise<void>;
  /** Peak memory as the server process sees it (process.memoryUsage every 25 ms) between start and stop. */
  memory: { start(): Promise<void>; stop(): Promise<MemoryPeaks> };
  /** Resolves once the server's background fill of export lines, if one runs, has ended (export-warm.ts `linesFilled`). */
  linesFilled(): Promise<void>;
  /** Caps the process at `cores` of CPU from now on (bench/cpu.ts); false where the system does not allow it. */
  capCpu(cores: number): boolean;
  stop(): Promise<void>;
}

/**
 * bench/server.ts bundled as `npm start` bundles the registry's server (scripts/build.mjs), so the
 * servers under test run the way the registry runs: plain Node, no tsx loader. Built once a run.
 */
let bundled: string | undefined;
function serverBundle(): string {
  if (bundled) return bundled;
  const out = path.join(here, '..', 'node_modules', '.cache', 'gg-ai-registry', `bench-server-${process.pid}.mjs`);
  execFileSync(process.execPath, [path.join(here, '..', 'scripts', 'build.mjs'), out, path.join(here, 'server.ts')], { stdio: 'inherit' });
  process.once('exit', () => fs.rmSync(out, { force: true }));
  return (bundled = out);
}

/** `heapMb`: the V8 heap limit of the server process (--max-old-space-size), when given. */
export function startServers(url: string, opts: { heapMb?: number } = {}): Promise<Servers> {
  return new Promise((resolve, reject) => {
    const child = fork(serverBundle(), [], {
      execArgv: opts.heapMb ? [`--max-old-space-size=${opts.heapMb}`] : [],
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
    const stop = () => new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => { clearTimeout(timer); done(); });
      child.send({ stop: true });
    });
    const reply = <T>(send: object, match: (m: Record<string, unknown>) => T | undefined) => new Promise<T>((done) => {
      const on = (m: Record<string, unknown>) => {
        const v = match(m);
        if (v === undefined) return;
        child.off('message', on);
        done(v);
      };
      child.on('message', on);
      child.send(send);
    });
    const memory = {
      start: () => reply({ memory: 'start' }, (m) => (m.memory === 'started' ? true : undefined)).then(() => undefined),
      stop: () => reply({ memory: 'stop' }, (m) => (m.memory && typeof m.memory === 'object' ? (m.memory as MemoryPeaks) : undefined)),
    };
    const linesFilled = () => reply({ linesFilled: true }, (m) => (m.linesFilled === 'ended' ? true : undefined)).then(() => undefined);
    const exited = (code: number | null) => reject(new Error(`bench server exited with ${code}`));
    child.once('error', reject);
    child.once('exit', exited);
    child.once('message', (m: { appPort: number; barePort: number }) => {
      child.off('exit', exited);
      const caps: CpuCap[] = [];
      child.once('exit', () => caps.forEach((c) => c.release()));
      const cap = (cores: number) => {
        const c = child.pid ? capCpu(child.pid, cores) : undefined;
        if (c) caps.push(c);
        return !!c;
      };
      resolve({ child, app: `http://127.0.0.1:${m.appPort}`, bare: `http://127.0.0.1:${m.barePort}/`, drain, memory, linesFilled, capCpu: cap, stop });
    });
  });
}

// ---- memory of a process (Linux /proc)
/** VmRSS and VmHWM (peak RSS) of a process in bytes, or undefined where /proc is not available. */
export function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}
/** Sets a process's peak RSS (VmHWM) back to its current RSS; false when not allowed. */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// ---- report
export function table(head: string[], body: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  log(row(head));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) log(row(r));
}

/** Collects PASS/FAIL per target for the summary line. */
export class Verdicts {
  readonly results: boolean[] = [];
  mark(ok: boolean, note = ''): string {
    this.results.push(ok);
    return (ok ? 'PASS' : 'FAIL') + (note ? ` (${note})` : '');
  }
}

/** The bytes of a GET answer as sent (not decoded), asking for `encoding` (Accept-Encoding). */
export function bodyBytes(url: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let n = 0;
      res.on('data', (d: Buffer) => { n += d.length; });
      res.on('end', () => resolve(n));
    }).on('error', reject);
  });
}
