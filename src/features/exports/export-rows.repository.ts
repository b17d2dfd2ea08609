import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Db } from '../services/services.repository.ts';

/** A formatted export line and the inputs it was made from (migration 011). */
export interface ExportRow { versionId: number; bodyCode: string; bodyName: string; isExample: boolean; csv: string }

/**
 * Stores the lines an export formatted, replacing older ones of the same versions; a row already
 * equal is left alone. The lines of a batch go as one binary parameter (UTF-8 bytes, cut by byte
 * lengths in the statement): a text array would escape every line into a second copy in the
 * export worker's small heap (the first export of 200k services took 91 s that way, against 52 s
 * with an unlogged table, and against 2 s for PostgreSQL to insert the same rows itself).
 */
export async function storeExportRows(db: Kysely<DB>, rev: string, rows: ExportRow[]): Promise<void> {
  if (rows.length === 0) return;
  // One commit per page, not flushed to disk before it returns: the rows are derived, and a crash
  // empties the table anyway (unlogged). A flush per batch had the export wait on WAL syncs.
  await db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    for (let i = 0; i < rows.length; i += STORE_BATCH) await storeBatch(trx, rev, rows.slice(i, i + STORE_BATCH));
  });
}
const STORE_BATCH = 250;

async function storeBatch(db: Db, rev: string, rows: ExportRow[]): Promise<void> {
  const lines = Buffer.from(rows.map((r) => r.csv).join(''), 'utf8');
  const starts: number[] = [];
  const lengths: number[] = [];
  let at = 1;
  for (const r of rows) {
    const n = Buffer.byteLength(r.csv, 'utf8');
    starts.push(at);
    lengths.push(n);
    at += n;
  }
  await sql`
    insert into export_rows (version_id, rev, body_code, body_name, is_example, csv)
    select x.v, ${rev}, x.c, x.n, x.e, convert_from(substring(${lines}::bytea from x.s for x.l), 'UTF8')
    from unnest(${rows.map((r) => r.versionId)}::int[], ${rows.map((r) => r.bodyCode)}::text[], ${rows.map((r) => r.bodyName)}::text[],
      ${rows.map((r) => r.isExample)}::bool[], ${starts}::int[], ${lengths}::int[]) as x(v, c, n, e, s, l)
    on conflict (version_id) do update set rev = excluded.rev, body_code = excluded.body_code, body_name = excluded.body_name,
      is_example = excluded.is_example, csv = excluded.csv
    where (export_rows.rev, export_rows.body_code, export_rows.body_name, export_rows.is_example, export_rows.csv)
      is distinct from (excluded.rev, excluded.body_code, excluded.body_name, excluded.is_example, excluded.csv)`.execute(db);
}

/** Stored lines: how many, and how many made by `rev`. */
export async function countExportRows(db: Db, rev?: string): Promise<{ rows: number; current: number }> {
  const { rows } = await sql<{ rows: number; current: number }>`
    select count(*)::int as rows, count(*) filter (where rev = ${rev ?? ''})::int as current from export_rows`.execute(db);
  return rows[0];
}

/**
 * Takes the lock of the background fill of export lines for the caller's transaction; false when
 * another process holds it.
 */
export async function tryFillLock(trx: Db): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('gg-registry:export-lines')) as ok`.execute(trx);
  return rows[0].ok;
}
