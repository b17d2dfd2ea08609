/** SQL of the search index (service_index, search_words) and of the registry generation. */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { indexKeys, isBigramTerm, NAME_MARK, packedConditions, packFacets, SUMMARY_MARK, vocabularyOf, type PackedFilter } from './search-index.ts';
import { bigramsOf } from './search-text.ts';

type Db = Kysely<DB> | Transaction<DB> | Kysely<any>;

export interface IndexEntry {
  serviceId: number; bodyId: number; facets: number; publishedAt: Date; terms: string[]; doc: string;
}

/** Adds the words of a document to the vocabulary (existing ones are left alone). */
export async function addVocabulary(db: Db, doc: string) {
  const vocab = vocabularyOf(doc);
  if (vocab.length === 0) return;
  await sql`insert into search_words (word, grams)
    select x.word, array(select jsonb_array_elements_text(x.grams)) from jsonb_to_recordset(${JSON.stringify(vocab)}::jsonb) as x(word text, grams jsonb)
    on conflict (word) do nothing`.execute(db);
}

/** Writes the index row of a service in place (inside the publishing transaction; logged by rev, see migration 007). */
export async function writeIndexEntry(trx: Db, e: IndexEntry) {
  await addVocabulary(trx, e.doc);
  await sql`insert into service_index (service_id, body_id, facets, published_at, first_published_at, terms)
    values (${e.serviceId}, ${e.bodyId}, ${e.facets}, ${e.publishedAt}, (select min(published_at) from service_versions where service_id = ${e.serviceId}), ${sql.val(e.terms)}::text[])
    on conflict (service_id) do update set body_id = excluded.body_id, facets = excluded.facets, published_at = excluded.published_at,
      first_published_at = excluded.first_published_at, terms = excluded.terms`.execute(trx);
}

/** `registry reindex`: rebuilds the index, then restarts its change log (kept match sets are read again whole) and forgets the postings. */
export async function reindex(db: Db) {
  await sql`select n from registry_generation for update`.execute(db); // the generation's lock first, as a publish takes it
  await sql`delete from search_postings`.execute(db); // before the rows: their triggers would follow every row rewritten (migration 010)
  await rebuildSearchIndex(db);
  await sql`select restart_index_log()`.execute(db); // migration 008
}

/** Rebuilds the whole index from the search projection (migration 005; `reindex` below). */
export async function rebuildSearchIndex(db: Db, batch = 500) {
  await sql`update registry_generation set n = n + 1`.execute(db); // the generation's lock first, as a publish takes it
  await sql`delete from service_index`.execute(db);
  let after = 0;
  for (;;) {
    const { rows } = await sql<{
      service_id: number; body_id: number; body_kind: string; field: string; tech_types: string[]; status: string; personal: boolean;
      high_impact: boolean; generative: boolean; is_example: boolean; name: string; name_en: string | null; summary: string;
      summary_en: string | null; doc: string; published_at: Date; first_published_at: Date;
    }>`select service_id, body_id, body_kind, field, tech_types, status, personal, high_impact, generative, is_example, name, name_en,
         summary, summary_en, doc, published_at, first_published_at
       from service_search where service_id > ${after} order by service_id limit ${batch}`.execute(db);
    if (rows.length === 0) break;
    const entries = rows.map((r) => ({
      service_id: r.service_id, body_id: r.body_id, published_at: r.published_at, first_published_at: r.first_published_at,
      facets: packFacets({ field: r.field, status: r.status, bodyKind: r.body_kind, techTypes: r.tech_types, personal: r.personal, highImpact: r.high_impact, generative: r.generative, isExample: r.is_example }),
      terms: indexKeys(r.doc, [r.name, r.name_en], [r.summary, r.summary_en]),
    }));
    await addVocabulary(db, rows.map((r) => r.doc).join('\n'));
    await sql`insert into service_index (service_id, body_id, facets, published_at, first_published_at, terms)
      select x.service_id, x.body_id, x.facets, x.published_at, x.first_published_at, array(select jsonb_array_elements_text(x.terms))
      from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as x(service_id int, body_id int, facets int, published_at timestamptz, first_published_at timestamptz, terms jsonb)`.execute(db);
    after = rows[rows.length - 1].service_id;
  }
}

/** The registry generation: increments with every change to what public pages show. */
export async function readGeneration(db: Db): Promise<string> {
  const { rows } = await sql<{ n: string }>`select n::text as n from registry_generation`.execute(db);
  return rows[0].n;
}

/** Vocabulary words containing a term: through the bigram index, or a scan for one character. */
function wordsContaining(term: string): RawBuilder<string[]> {
  const grams = bigramsOf(term);
  const where = grams.length
    ? sql`grams @> ${sql.val([...new Set(grams)])}::text[] collate "C" and strpos(word, ${term}) > 0`
    : sql`strpos(word, ${term}) > 0`;
  return sql<string[]>`(select coalesce(array_agg(word), '{}') from search_words where ${where})`;
}

/** The index keys a term is found by, with a mark (^ name, ~ summary) or none. */
export function termKeys(term: string, marks: string[]): RawBuilder<string[]> {
  if (isBigramTerm(term)) return sql<string[]>`${sql.val(marks.map((m) => m + term))}::text[] collate "C"`;
  return sql<string[]>`(select coalesce(array_agg(m || x), '{}') collate "C" from unnest(${wordsContaining(term)}) x, unnest(${sql.val(marks)}::text[]) m)`;
}

export interface MatchQuery { terms: string[]; bodyCode?: string; facets: PackedFilter }

/**
 * Raw match set of a query: one 16-byte record per service (`service_index.rec`, migration 007:
 * big-endian int4 service id, body id, packed facets, publication time in seconds since 2000-01-01
 * UTC), in no particular order; the ids of the name tier (int4 each); and the generation the
 * statement saw. Binary, so neither side converts numbers to text.
 */
export interface RawMatch { gen: string; rows: Uint8Array | null; tier_a: Uint8Array | null }

const conditions = (q: MatchQuery, marks: string[][]) => {
  const conds: Expression<SqlBool>[] = packedConditions(sql<number>`i.facets`, q.facets);
  if (q.bodyCode) conds.push(sql<SqlBool>`i.body_id = (select id from bodies where code = ${q.bodyCode})`);
  for (const m of marks) for (const t of q.terms) conds.push(sql<SqlBool>`i.terms && ${termKeys(t, m)}`);
  return conds.length ? sql.join(conds, sql` and `) : sql`true`;
};

/** Relevance tiers: every term in the name; every term in the name or the summary. */
const NAME_TIER = [[''], [NAME_MARK]];
const SUMMARY_TIER = [[''], [NAME_MARK, SUMMARY_MARK]];

/** The ids (int4 each) of a tier's services in `from` (the index, or its changed rows), null without terms. */
const tierIds = (from: 'service_index' | 'changed', q: MatchQuery, tier: string[][]) => q.terms.length
  ? sql<Uint8Array | null>`(select string_agg(int4send(i.service_id), ''::bytea) from ${sql.table(from)} i where ${conditions(q, tier)})`
  : sql<null>`null`;

/**
 * Runs a text query with sequential scans of the index table off. The planner costs a scan of
 * service_index as cheap (its rows are narrow) but cannot see that testing `terms` on every row
 * reads each row's key list from TOAST: at 100k services a frequent term (복지, 18 % of rows) tipped
 * it into a 2.8 s scan instead of a 20 ms bitmap scan of the GIN index. `set local` needs a
 * transaction: the query gets one of its own, or inside the caller's the setting is put back after.
 */
export async function indexScans<T>(db: Db, q: MatchQuery, run: (db: Db) => Promise<T>): Promise<T> {
  if (q.terms.length === 0) return run(db);
  if (!db.isTransaction) return (db as Kysely<DB>).transaction().execute((trx) => indexScans(trx, q, run));
  // (JIT is off on the app's connections, database.ts: the disabled scan's cost in the plan's total
  // would otherwise pass jit_above_cost and spend 300 ms compiling a 1 ms query.)
  const { rows } = await sql<{ seqscan: string }>`select current_setting('enable_seqscan') as seqscan, set_config('enable_seqscan', 'off', true)`.execute(db);
  try {
    return await run(db);
  } finally {
    await sql`select set_config('enable_seqscan', ${rows[0].seqscan}, true)`.execute(db);
  }
}

/**
 * Every service matching the terms and filters, in one statement (one snapshot), with the services
 * having every term in their name (ranked first), and the generation the statement saw.
 */
export function matchSet(db: Db, q: MatchQuery): Promise<RawMatch> {
  return indexScans(db, q, (db) => readMatchSet(db, q));
}

async function readMatchSet(db: Db, q: MatchQuery): Promise<RawMatch> {
  const { rows } = await sql<RawMatch>`
    select (select n::text from registry_generation) as gen,
      string_agg(i.rec, ''::bytea) as rows,
      ${tierIds('service_index', q, NAME_TIER)} as tier_a
    from service_index i where ${conditions(q, [['']])}`.execute(db);
  return rows[0];
}

/** At most this many changed rows are patched into a kept match set; more, and it is read again whole. */
export const PATCH_LIMIT = 2000;

export interface RawChanges extends RawMatch {
  /** The generation before which the log is incomplete (a reindex or restore): older sets are read whole. */
  log_from: string;
  /** Services whose index row was written or removed since the kept set's generation (int4 each). */
  changed: Uint8Array | null;
  /** Of the changed services matching now, those in the second tier (every term in the name or summary). */
  tier_b: Uint8Array | null;
  /** More than PATCH_LIMIT changes (then the set is read again whole). */
  too_many: boolean;
}

/**
 * What changed in a match since generation `since` (see migration 007), in one statement: the
 * changed or removed services, those of them matching now (16-byte records as matchSet's) and
 * those of them in the name tier and in the name-or-summary tier.
 */
export async function matchChanges(db: Db, q: MatchQuery, since: string): Promise<RawChanges> {
  const { rows } = await sql<RawChanges>`
    with changed as materialized (select * from service_index where rev > ${since}::bigint limit ${PATCH_LIMIT + 1}),
      removed as materialized (select service_id from service_index_removed where rev > ${since}::bigint limit ${PATCH_LIMIT + 1})
    select g.n::text as gen, g.log_from::text as log_from,
      (select count(*) from changed) + (select count(*) from removed) > ${PATCH_LIMIT} as too_many,
      (select string_agg(int4send(service_id), ''::bytea) from (select service_id from changed union select service_id from removed) c) as changed,
      (select string_agg(i.rec, ''::bytea) from changed i where ${conditions(q, [['']])}) as rows,
      ${tierIds('changed', q, NAME_TIER)} as tier_a, ${tierIds('changed', q, SUMMARY_TIER)} as tier_b
    from registry_generation g`.execute(db);
  return rows[0];
}

/** The matching services with every term in their name or summary (the second relevance tier). */
export async function summaryTier(db: Db, q: MatchQuery): Promise<Uint8Array | null> {
  if (q.terms.length === 0) return null;
  const { rows } = await indexScans(db, q, (db) => sql<{ ids: Uint8Array | null }>`select ${tierIds('service_index', q, SUMMARY_TIER)} as ids`.execute(db));
  return rows[0].ids;
}

/**
 * One page in name or first-publication order (sorts the index does not carry): of the given
 * services (a match), or of the whole registry.
 */
export async function orderedPage(db: Db, sort: 'name' | 'oldest', limit: number, offset: number, ids?: Int32Array): Promise<number[]> {
  if (ids?.length === 0) return [];
  const order = sort === 'name' ? sql`s.name, s.service_id desc` : sql`s.first_published_at, s.service_id desc`;
  const where = ids ? sql`where s.service_id = any(${sql.val(Array.from(ids))}::int[])` : sql``;
  const { rows } = await sql<{ id: number }>`
    select s.service_id as id from service_search s ${where} order by ${order} limit ${limit} offset ${offset}`.execute(db);
  return rows.map((r) => r.id);
}

/** The facet totals of the whole registry (kept by triggers, see migration 006) and the generation. */
export async function wholeRegistryTotals(db: Db): Promise<{ gen: string; totals: [string, number][] }> {
  const { rows } = await sql<{ gen: string; totals: [string, number][] }>`
    select (select n::text from registry_generation) as gen,
      coalesce((select json_agg(json_build_array(key, n)) from facet_totals where n > 0), '[]'::json) as totals`.execute(db);
  return { gen: rows[0].gen, totals: rows[0].totals.map(([k, n]) => [k, Number(n)]) };
}

/** One page of the whole registry, newest first (from the index on the publication time). */
export async function newestPage(db: Db, limit: number, offset: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`select service_id as id from service_index order by published_at desc, service_id desc limit ${limit} offset ${offset}`.execute(db);
  return rows.map((r) => r.id);
}

/** Body codes by id (codes are stable identifiers and never change). */
export async function bodyCodeMap(db: Db): Promise<Map<number, string>> {
  const { rows } = await sql<{ id: number; code: string }>`select id, code from bodies`.execute(db);
  return new Map(rows.map((r) => [r.id, r.code]));
}

