import type { Kysely } from 'kysely';
import { postgresUrlOf } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/types.ts';
import { servicesWithoutLine } from '../services/services.repository.ts';
import { tryFillLock } from './export-rows.repository.ts';
import { exportOffThread, exportRev } from './export-thread.ts';

/**
 * Stores the export lines that are missing: in the background once the server listens (src/cli.ts),
 * and after an export that had to format lines (export-thread.ts). Exports on PostgreSQL never
 * store: storing a page of 1,000 lines costs about 65 ms, which took the first export at 200k
 * services from 22-29 s to 55-57 s (bench/README.md). After a deploy that changed the formatting
 * code, a restore or a bulk load, every line is missing; after a publish, its version's. The fill
 * is an export of the records without a line (`missingOnly`), read to nowhere: it stores what it
 * formats, and reads nothing else, so a few publishes cost a few lines, not a pass over the
 * registry. One process of several fills (an advisory lock, held by a transaction while it runs).
 * On PGlite (one connection, no export workers) nothing is done: exports store what they format as
 * they go.
 * Resolves to the number of lines that were missing, undefined when this process did not fill.
 */
export async function fillExportLines(db: Kysely<DB>): Promise<number | undefined> {
  if (!postgresUrlOf(db)) return undefined;
  const rev = await exportRev();
  if (!rev) return undefined;
  return db.transaction().execute(async (trx) => {
    if (!(await tryFillLock(trx))) return undefined;
    const missing = await servicesWithoutLine(db, rev);
    if (missing === 0) return 0;
    const stream = exportOffThread(db, 'csv', { rev, missingOnly: true, store: true });
    if (!stream) return undefined;
    for await (const chunk of stream) void chunk; // read to the end: the workers store each page's lines
    return missing;
  });
}

interface Filling { run: Promise<void>; again: boolean }
const filling = new WeakMap<Kysely<DB>, Filling>();

/**
 * `fillExportLines` in the background, one at a time in this process: asked while one runs, it
 * runs once more after it (an export may have formatted lines the running fill had already
 * passed). A failure is reported on the server's error output; lines stay missing until the next
 * fill, and exports format them meanwhile. `report`: told how many lines were stored.
 */
export function fillInBackground(db: Kysely<DB>, report?: (stored: number) => void): Promise<void> {
  const running = filling.get(db);
  if (running) {
    running.again = true;
    return running.run;
  }
  const state: Filling = { run: Promise.resolve(), again: false };
  state.run = (async () => {
    try {
      do {
        state.again = false;
        const n = await fillExportLines(db).catch((error: Error) => {
          console.warn(`export lines not stored (exports format them meanwhile): ${error.message}`);
          return undefined;
        });
        if (n) report?.(n);
      } while (state.again);
    } finally {
      filling.delete(db);
    }
  })();
  filling.set(db, state);
  return state.run;
}

/** Resolves once this process's background fill, if one runs, has ended. */
export function linesFilled(db: Kysely<DB>): Promise<void> {
  return filling.get(db)?.run ?? Promise.resolve();
}
