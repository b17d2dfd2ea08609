/**
 * Whole-registry exports on PostgreSQL are formatted by worker threads, each with its own small V8
 * heap and its own connection: the rows, parsed disclosures and text of 200k services are garbage
 * of the workers, collected within their limits, instead of growing the server's heap, and the CPU
 * work of formatting leaves the server's event loop. The pages are shared out in turn between
 * THREADS workers (the bounds of the pages read first, in one statement), so formatting, the
 * bottleneck, runs on two cores while the database reads on; this thread joins the pages in order.
 * A page crosses as UTF-8 bytes whose buffer is transferred: this thread neither copies nor encodes.
 * Each worker makes its next page while the last one is written; a chunk crosses the thread only
 * when the response asks for more (backpressure). On PGlite (one connection, owned by this thread)
 * exports stay in process.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { isMainThread, Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { postgresUrlOf } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/types.ts';
import { PROJECT_ROOT, sourcePath } from '../../platform/paths.ts';
import { publishedPageBounds, type PageRange } from '../services/services.repository.ts';
import { FORMATS, pageJoiner, type ExportFormat } from './exports.ts';
import { fillInBackground } from './export-warm.ts';

export type ThreadFormat = 'csv' | 'json';

/**
 * Heap limits of an export worker (MB): a page (PAGE_BYTES) read, parsed and formatted needs about
 * 15; with two workers at 32 the server stayed under 300 MB resident (bench/README.md).
 */
const LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 };
/**
 * Stored bytes of a page (one record more at most): about 1,000 of the registry's usual records
 * (2 KB stored, 2.7 KB as text), and a bound on a worker's page however large the records are.
 */
const PAGE_BYTES = 2 * 1024 * 1024;
/** How long the other workers may take to store their last lines once every page has been sent. */
const STORE_GRACE_MS = 30_000;
/** Workers per export: formatting takes one core each (measured on 2 cores; see bench/README.md). */
const THREADS = 2;

/**
 * `chunk`: a formatted page as UTF-8, its buffer transferred. `formatted`, with `end`: the lines the
 * worker formatted because none was stored for them.
 */
export interface WorkerMessage { chunk?: Uint8Array; end?: true; formatted?: number; error?: string }
export interface WorkerData { databaseUrl: string; format: ThreadFormat; ranges: PageRange[]; rev?: string; missingOnly?: boolean; store?: boolean }

/**
 * The worker's code as one JavaScript file, bundled by esbuild on the first export and reused (in
 * node_modules/.cache, named by its content's hash). A worker started from TypeScript through
 * tsx's loader would compile every module again and run a loader thread of its own: about 1 s and
 * 20 MB more per worker (two workers at 100k: 345 MB through tsx, about 300 bundled, same heaps).
 * Where it cannot be written, the worker goes through tsx (export.worker.mjs).
 */
let built: Promise<{ entry: URL; rev?: string }> | undefined;
export const TSX_ENTRY = pathToFileURL(sourcePath('features/exports/export.worker.mjs'));
function buildWorker() {
  return (built ??= (async () => {
    try {
      const { build } = await import('esbuild');
      const out = await build({
        entryPoints: [sourcePath('features/exports/export.worker.ts')], bundle: true, platform: 'node', format: 'esm',
        target: 'node20', packages: 'external', write: false, logLevel: 'silent',
      });
      const code = out.outputFiles[0].contents;
      const hash = createHash('sha256').update(code).digest('hex');
      const rev = `w${hash.slice(0, 32)}`;
      const dir = pathToFileURL(path.join(PROJECT_ROOT, 'node_modules/.cache/gg-ai-registry/'));
      const file = new URL(`export.worker-${hash.slice(0, 16)}.mjs`, dir);
      try {
        if (!(await stat(file).catch(() => undefined))) {
          await mkdir(dir, { recursive: true });
          const partial = new URL(`${file.href}.${process.pid}.tmp`);
          await writeFile(partial, code);
          await rename(partial, file);
        }
      } catch {
        return { entry: TSX_ENTRY, rev };
      }
      return { entry: file, rev };
    } catch {
      return { entry: TSX_ENTRY };
    }
  })());
}
export const workerEntry = (): Promise<URL> => buildWorker().then((b) => b.entry);
/**
 * The identity of the formatting code, for stored export lines (migration 011): the hash of the
 * worker's bundle, which holds every function a line is made by (columns, cells, classification).
 * Any change to them, or to anything else bundled, makes a new identity, and lines made before are
 * formatted again. Undefined where esbuild cannot run: then nothing is stored or used.
 */
export const exportRev = (): Promise<string | undefined> => buildWorker().then((b) => b.rev);

/** The formatting code's identity an export of `format` stores and uses lines under: `rev` when given, null for none. */
export async function storedLinesRev(format: ExportFormat, rev: string | null | undefined): Promise<string | undefined> {
  return format.stored && rev !== null ? rev ?? exportRev() : undefined;
}

/** The pages of an export, about `pageBytes` each (the last open-ended), in order. */
async function pageRanges(db: Kysely<DB>, pageBytes: number): Promise<PageRange[]> {
  const bounds = await publishedPageBounds(db, pageBytes);
  return [...bounds, null].map((upTo, k) => ({ after: k === 0 ? null : bounds[k - 1], upTo }));
}

/**
 * The export as a stream fed by worker threads, or undefined when it must run in this thread.
 * `rev`: the formatting code's identity for stored lines (default `exportRev()`; null: none used).
 * An export sends the stored lines that are valid and formats the others without storing them:
 * storing cost a first export at 200k services 55-57 s against 22-29 s (bench/README.md). Once it
 * has ended having formatted any, the background fill stores them (`fillInBackground`), so the
 * next export sends them as stored. `store` and `missingOnly`: that fill (export-warm.ts), which
 * reads only the records without a valid line and stores what it formats.
 */
export function exportOffThread(db: Kysely<DB>, format: ThreadFormat, opts: { pageBytes?: number; threads?: number; entry?: URL; rev?: string | null; missingOnly?: boolean; store?: boolean } = {}): Readable | undefined {
  const databaseUrl = postgresUrlOf(db);
  if (!databaseUrl || !isMainThread || db.isTransaction) return undefined;
  const parts = FORMATS[format];
  const join = pageJoiner(parts);
  let workers: Worker[] = [];
  let asked = 0; // pages asked for so far: page k comes from worker k % workers.length
  let pagesDone = false; // a worker answered that it has no more pages: all have been sent
  const ended = new Set<Worker>();
  let finished = false;
  let grace: NodeJS.Timeout | undefined;
  let formatted = 0; // lines formatted for want of a stored one, as the workers report at their end
  const finish = () => {
    clearTimeout(grace);
    if (finished) return;
    finished = true;
    out.push(parts.tail);
    out.push(null);
    if (formatted > 0 && !opts.store) void fillInBackground(db);
  };

  const start = async () => {
    const [ranges, script, rev] = await Promise.all([pageRanges(db, opts.pageBytes ?? PAGE_BYTES), opts.entry ?? workerEntry(),
      storedLinesRev(parts, opts.rev)]);
    const n = Math.min(opts.threads ?? THREADS, ranges.length);
    if (finished) return;
    workers = Array.from({ length: n }, (_, i) => {
      const workerData: WorkerData = { databaseUrl, format, ranges: ranges.filter((_, k) => k % n === i), rev, missingOnly: opts.missingOnly, store: opts.store };
      const worker = new Worker(script, { workerData, resourceLimits: LIMITS });
      worker.on('message', (m: WorkerMessage) => {
        if (m.error) return out.destroy(new Error(`export failed: ${m.error}`));
        if (m.end) {
          ended.add(worker);
          formatted += m.formatted ?? 0;
          void worker.terminate();
          if (!pagesDone) {
            // The first worker out of pages: every page has been sent. The others are asked for
            // more too, which they answer with their end once their last page's lines are stored;
            // the answer ends after that, so an export that has ended has stored its lines.
            pagesDone = true;
            for (const w of workers) if (!ended.has(w)) w.postMessage('more');
            grace = setTimeout(() => { finish(); for (const w of workers) void w.terminate(); }, STORE_GRACE_MS);
          }
          if (ended.size === workers.length) finish();
          return;
        }
        asked++;
        const page = m.chunk!;
        if (page.byteLength === 0) return ask(); // an empty page (its services withdrawn meanwhile)
        const before = join(page);
        if (before) out.push(before);
        out.push(Buffer.from(page.buffer, page.byteOffset, page.byteLength));
      });
      worker.on('error', (error) => out.destroy(error));
      worker.on('exit', () => { if (!finished && !ended.has(worker)) out.destroy(new Error('export worker stopped')); });
      return worker;
    });
  };
  const ask = () => workers[asked % workers.length].postMessage('more');
  let started: Promise<void> | undefined;
  const out = new Readable({
    read() {
      (started ??= start()).then(() => { if (!finished && !pagesDone) ask(); }, (error: Error) => out.destroy(error));
    },
    destroy(error, done) {
      clearTimeout(grace);
      finished = true;
      Promise.all(workers.map((w) => w.terminate())).then(() => done(error), () => done(error));
    },
  });
  out.push(parts.head());
  return out;
}
