/**
 * Bulk CSV export: GET /api/v1/export.csv from the app's child process, read to the end over
 * loopback; wall time, time to the first byte, bytes, rows, and the server process's memory while
 * it streams (VmRSS sampled every 25 ms, and VmHWM, the kernel's peak, reset just before the
 * request where allowed). Baseline in the same run: the same rows read with raw SQL through one
 * server-side cursor, 1,000 rows a fetch, values as the server's text (no parsing, no CSV).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { memoryOf, resetPeak, type MemoryPeaks, type Servers } from './lib.ts';

/** One export request read to the end. */
export interface ExportRun {
  status: number;
  ms: number;
  firstByteMs: number;
  bytes: number;
  rows: number;
  expectedRows: number;
  rssBefore: number;
  peakRss: number; // the larger of the sampled VmRSS and VmHWM (when reset)
  peakFromHwm: boolean;
  inside: MemoryPeaks; // as the server process sees itself: V8 heap in use, buffers
  sha256: string;
}

/**
 * The export twice: first with no stored lines (every disclosure read, parsed and formatted: the
 * first export after a deploy that changed the formatting code, before the server's background
 * fill has stored the lines), then, once the fill that export started has stored them, from the
 * stored lines (the registry's usual export: only lines whose inputs changed since are formatted).
 * Both must be the same bytes.
 */
export interface ExportResult {
  formatted: ExportRun;
  stored: ExportRun;
  /** Lines stored before the first export, and after the fill it started. */
  storedLines: { before: number; after: number };
  /** The background fill after the first export: from the export's end until the fill ended (complete: a line stored per service), and the server's peak resident memory meanwhile. */
  fill: { ms: number; peakRss: number; complete: boolean };
  baseline: { ms: number; rows: number; bytes: number };
}

// The rows the export reads (services.repository recordQuery, public-id order), as one statement.
const EXPORT_ROWS_SQL = `
  select sv.id, sv.public_id, sv.is_example, b.id, b.code, b.name_ko, b.name_en, b.kind, v.id, v.version_no,
         v.disclosure, v.change_reason, v.published_at,
         (select min(published_at) from service_versions x where x.service_id = sv.id)
  from services sv
  join service_versions v on v.id = sv.current_version_id
  join bodies b on b.id = sv.body_id
  order by sv.public_id`;

/** Counts CSV records: line feeds outside quoted cells, carried across chunks. */
function recordCounter() {
  let quoted = false;
  let records = 0;
  return {
    add(chunk: Uint8Array) {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (c === 0x22) quoted = !quoted;
        else if (c === 0x0a && !quoted) records++;
      }
    },
    get records() { return records; },
  };
}

async function rawSqlBaseline(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const text = { getTypeParser: () => (v: string) => v }; // values as sent, nothing parsed
  try {
    const t0 = performance.now();
    await client.query('begin isolation level repeatable read read only');
    await client.query(`declare export_rows no scroll cursor for ${EXPORT_ROWS_SQL}`);
    let rows = 0;
    let bytes = 0;
    for (;;) {
      const r = await client.query({ text: 'fetch 1000 from export_rows', rowMode: 'array', types: text });
      if (r.rows.length === 0) break;
      rows += r.rows.length;
      for (const row of r.rows as (string | null)[][]) for (const v of row) bytes += v === null ? 0 : Buffer.byteLength(v);
    }
    await client.query('commit');
    return { ms: performance.now() - t0, rows, bytes };
  } finally {
    await client.end();
  }
}

export async function measureExport(servers: Servers, url: string): Promise<ExportResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const count = async (q: string) => Number((await client.query(q)).rows[0].n);
  try {
    const expectedRows = await count('select count(*)::int n from services where current_version_id is not null');
    await client.query('delete from export_rows');
    const before = await count('select count(*)::int n from export_rows');
    const formatted = await exportOnce(servers, expectedRows);
    const fill = await awaitFill(servers, () => count('select count(*)::int n from export_rows'), expectedRows);
    const after = await count('select count(*)::int n from export_rows');
    const stored = await exportOnce(servers, expectedRows);
    return { formatted, stored, storedLines: { before, after }, fill, baseline: await rawSqlBaseline(url) };
  } finally {
    await client.end();
  }
}

/**
 * Waits until the background fill the export started has ended (the server says so: no polling of
 * export_rows, whose count would load the database the fill is writing), then counts the lines once.
 */
async function awaitFill(servers: Servers, stored: () => Promise<number>, expected: number): Promise<ExportResult['fill']> {
  const t0 = performance.now();
  const rss = rssSampler(servers.child.pid!);
  try {
    await servers.linesFilled();
    const ms = performance.now() - t0;
    return { ms, peakRss: rss.peak, complete: (await stored()) >= expected };
  } finally {
    rss.stop();
  }
}

/** The largest VmRSS of process `pid`, sampled every 25 ms from now until `stop()`. */
function rssSampler(pid: number) {
  let peak = memoryOf(pid)?.rss ?? NaN;
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (m && !(m.rss <= peak)) peak = m.rss;
  }, 25);
  return { get peak() { return peak; }, stop: () => clearInterval(timer) };
}

async function exportOnce(servers: Servers, expectedRows: number): Promise<ExportRun> {
  const pid = servers.child.pid!;
  const hash = createHash('sha256');

  await servers.memory.start();
  const before = memoryOf(pid);
  const peakFromHwm = resetPeak(pid);
  const rss = rssSampler(pid);
  const counter = recordCounter();
  let bytes = 0;
  let firstByteMs = NaN;
  const t0 = performance.now();
  let status = 0;
  try {
    const res = await fetch(`${servers.app}/api/v1/export.csv`);
    status = res.status;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - t0;
      bytes += value.length;
      counter.add(value);
      hash.update(value);
    }
  } finally {
    rss.stop();
  }
  const ms = performance.now() - t0;
  const after = memoryOf(pid);
  const inside = await servers.memory.stop();
  const peakRss = Math.max(rss.peak, peakFromHwm && after ? after.hwm : 0);
  return {
    status, ms, firstByteMs, bytes, rows: counter.records - 1, expectedRows, // minus the header
    rssBefore: before?.rss ?? NaN, peakRss: Math.max(peakRss, inside.rss), peakFromHwm, inside, sha256: hash.digest('hex'),
  };
}
