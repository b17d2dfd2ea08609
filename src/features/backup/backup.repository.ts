import { sql } from 'kysely';
import type { Db } from '../services/services.repository.ts';

export interface TableInfo {
  name: string;
  columns: { name: string; type: string }[];
  primaryKey: string[];
  dependsOn: string[]; // tables referenced by foreign keys (other than itself)
  selfOrCycleRefs: { column: string; table: string }[];
  serials: { column: string; sequence: string }[];
}

/**
 * Tables of the registry schema (not Kysely's migration bookkeeping, not transient sessions and rate
 * limits). The registry generation is not restored either: it only ever goes up (the restore's
 * own writes raise it), so pages kept before a restore can never be taken for the restored data.
 * Facet totals are derived: the triggers on service_index count the restored rows again.
 * Search postings and index block versions (migration 010) are derived too: a restore truncates
 * service_index, which forgets the postings; searches make them again. So are export rows
 * (migration 011): the restore's truncate of service_versions cascades to them; exports make them again.
 */
export const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock', 'sessions', 'rate_limits', 'registry_generation', 'facet_totals', 'service_index_removed', 'search_postings', 'search_posting_blocks', 'index_blocks', 'export_rows']);

/**
 * Columns not backed up: generated ones (computed again on insert) and the index change log's
 * position (migration 007: the restore's own inserts are logged under the new generation).
 */
const SKIPPED_COLUMNS = new Set(['service_index.rev']);

export async function describeTables(db: Db): Promise<TableInfo[]> {
  const cols = await sql<{ table_name: string; column_name: string; data_type: string; column_default: string | null; is_nullable: string }>`
    select table_name, column_name, data_type, column_default, is_nullable from information_schema.columns
    where table_schema = 'public' and is_generated = 'NEVER' order by table_name, ordinal_position`.execute(db);
  const fks = await sql<{ table_name: string; column_name: string; ref_table: string }>`
    select kcu.table_name, kcu.column_name, ccu.table_name as ref_table
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`.execute(db);
  const pks = await sql<{ table_name: string; column_name: string }>`
    select kcu.table_name, kcu.column_name from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = 'public' order by kcu.ordinal_position`.execute(db);
  const tables = new Map<string, TableInfo>();
  for (const c of cols.rows) {
    if (SKIPPED.has(c.table_name) || SKIPPED_COLUMNS.has(`${c.table_name}.${c.column_name}`)) continue;
    const t = tables.get(c.table_name) ?? { name: c.table_name, columns: [], primaryKey: [], dependsOn: [], selfOrCycleRefs: [], serials: [] };
    t.columns.push({ name: c.column_name, type: c.data_type });
    const seq = /nextval\('([^']+)'/.exec(c.column_default ?? '');
    if (seq) t.serials.push({ column: c.column_name, sequence: seq[1] });
    tables.set(c.table_name, t);
  }
  for (const p of pks.rows) tables.get(p.table_name)?.primaryKey.push(p.column_name);
  const nullable = new Set(cols.rows.filter((c) => c.is_nullable === 'YES').map((c) => `${c.table_name}.${c.column_name}`));
  for (const fk of fks.rows) if (fk.ref_table === fk.table_name) tables.get(fk.table_name)?.selfOrCycleRefs.push({ column: fk.column_name, table: fk.ref_table });
  return orderByDependencies([...tables.values()], fks.rows.map((f) => ({ table: f.table_name, column: f.column_name, ref: f.ref_table, nullable: nullable.has(`${f.table_name}.${f.column_name}`) })));
}

/**
 * Orders tables so every referenced table comes first. A cycle (services.current_version_id ↔
 * service_versions.service_id) is broken at a nullable foreign key: that column is loaded as null
 * and set once both tables are in.
 */
function orderByDependencies(tables: TableInfo[], fks: { table: string; column: string; ref: string; nullable: boolean }[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  let edges = fks.filter((e) => e.table !== e.ref && byName.has(e.table) && byName.has(e.ref));
  const reaches = (from: string, to: string, graph: typeof edges): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const n = stack.pop()!;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const e of graph) if (e.table === n) stack.push(e.ref);
    }
    return false;
  };
  for (const e of edges.filter((x) => x.nullable)) {
    const others = edges.filter((x) => x !== e);
    if (reaches(e.ref, e.table, others)) {
      byName.get(e.table)!.selfOrCycleRefs.push({ column: e.column, table: e.ref });
      edges = others;
    }
  }
  const out: TableInfo[] = [];
  const done = new Set<string>();
  const visit = (t: TableInfo, depth = 0) => {
    if (done.has(t.name) || depth > tables.length) return;
    for (const e of edges) if (e.table === t.name) visit(byName.get(e.ref)!, depth + 1);
    if (!done.has(t.name)) { done.add(t.name); out.push(t); }
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  for (const t of out) t.dependsOn = [...new Set(edges.filter((e) => e.table === t.name).map((e) => e.ref))];
  return out;
}

export async function readPage(db: Db, t: TableInfo, offset: number, limit: number) {
  const order = t.primaryKey.length ? t.primaryKey : t.columns.map((c) => c.name);
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(t.columns.map((c) => sql.ref(c.name)))} from ${sql.table(t.name)}
    order by ${sql.join(order.map((c) => sql.ref(c)))} limit ${limit} offset ${offset}`.execute(db);
  return rows;
}

export async function countRows(db: Db, table: string) {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0].n);
}

export async function truncateAll(db: Db, tables: string[]) {
  if (tables.length) await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))} cascade`.execute(db);
}

export async function insertRows(db: Db, t: TableInfo, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const json = new Set(t.columns.filter((c) => c.type === 'jsonb' || c.type === 'json').map((c) => c.name));
  const deferred = new Set(t.selfOrCycleRefs.map((r) => r.column));
  const values = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, deferred.has(k) ? null : json.has(k) && v !== null ? JSON.stringify(v) : v])));
  await db.insertInto(t.name as any).values(values as any).execute();
}

export async function setDeferred(db: Db, t: TableInfo, rows: Record<string, unknown>[]) {
  for (const ref of t.selfOrCycleRefs) {
    for (const r of rows) {
      if (r[ref.column] === null || r[ref.column] === undefined) continue;
      await sql`update ${sql.table(t.name)} set ${sql.ref(ref.column)} = ${r[ref.column]} where ${sql.join(t.primaryKey.map((k) => sql`${sql.ref(k)} = ${r[k]}`), sql` and `)}`.execute(db);
    }
  }
}

export async function resetSequences(db: Db, t: TableInfo) {
  for (const s of t.serials) {
    await sql`select setval(${s.sequence}::regclass, greatest(coalesce((select max(${sql.ref(s.column)}) from ${sql.table(t.name)}), 0), 1), (select count(*) > 0 from ${sql.table(t.name)}))`.execute(db);
  }
}

export async function appliedMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}
