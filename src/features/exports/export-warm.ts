import type { Kysely } from 'kysely';
import { postgresUrlOf } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/types.ts';
import { servicesWithoutLine } from '../services/services.repository.ts';
import { tryFillLock } from './export-rows.repository.ts';
import { exportOffThread, exportRev } from './export-thread.ts';

/**
 * Stores the export lines that are missing, in the background once the server listens (src/cli.ts).
 * After a deploy that changed the formatting code, a restore or a bulk load, every line is missing
 * and the first export would format and store all of them (45-55 s at 200k services, against
 * 16-20 s from stored lines; bench/README.md). The fill is an export of the records without a
 * line (`missingOnly`), read to nowhere: it stores what it formats, and reads nothing else, so a
 * restart after a few publishes costs a few lines, not a pass over the registry. One process of several fills (an advisory lock, held by a transaction while it
 * runs). On PGlite (one connection, no export workers) nothing is done: exports store what they
 * format as they go.
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
    const stream = exportOffThread(db, 'csv', { rev, missingOnly: true });
    if (!stream) return undefined;
    for await (const chunk of stream) void chunk; // read to the end: the workers store each page's lines
    return missing;
  });
}
