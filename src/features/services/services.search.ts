/**
 * Search, filters, facets, sort and paging over the search index. A query's match set (every
 * matching service with its body, packed facets and dates, and its title tiers) is read in one
 * statement and kept per registry generation, so the pages, sorts and facet counts of a query are
 * computed from it in memory, and never from a stale one (a change makes a new generation).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { ServiceFilter } from './services.filter.ts';
import { parseQuery } from './search-text.ts';
import { countFacets, facetsFromTotals, type Facets } from './search-index.ts';
import { bodyCodeMap, matchChanges, matchSet, newestPage, orderedPage, summaryTier, wholeRegistryTotals, type MatchQuery } from './search-index.repository.ts';
import { recordRange, countPostings, keepPosting, MARKS, readPostings } from './search-postings.repository.ts';
import { matchFromBits, Records, termBits } from './postings.ts';
import { idOfKey, idSet, int4s, patchMatch, toMatch, type Match } from './match-set.ts';
import { currentGeneration } from './generation.ts';
import { KeptByGeneration } from '../../platform/cache/kept.ts';
import { pageRows, type SearchRow } from './services.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

function matchKey(filter: ServiceFilter): string {
  return JSON.stringify([parseQuery(filter.q)?.terms ?? null, filter.body, filter.bodyKind, filter.field, filter.tech, filter.status,
    filter.personal, filter.highImpact, filter.generative, filter.example]);
}

function queryOf(filter: ServiceFilter): MatchQuery {
  return {
    terms: parseQuery(filter.q)?.terms ?? [],
    bodyCode: filter.body,
    facets: { field: filter.field, status: filter.status, bodyKind: filter.bodyKind, tech: filter.tech, personal: filter.personal, highImpact: filter.highImpact, generative: filter.generative, example: filter.example },
  };
}

/**
 * A query's match: from the records in memory and the postings of its terms when every term is
 * kept as a posting (postings.ts), else from the index in one statement; a term found in at least
 * `postingMinHits` services is then kept as a posting for the next searches (on every process).
 */
async function readMatch(db: Db, filter: ServiceFilter): Promise<Match> {
  const query = queryOf(filter);
  if (db.isTransaction) return toMatch(query, await matchSet(db, query));
  const k = keptOf(db);
  const fromPostings = await postingMatch(db as Kysely<DB>, k, query);
  if (fromPostings) { k.posted++; return fromPostings; }
  const m = toMatch(query, await matchSet(db, query));
  if (m.ids.length >= k.postingMinHits && query.terms.length) await keepTerms(db as Kysely<DB>, k, query.terms);
  return m;
}

/** Every index record in memory, brought up to the postings' generation in the same statement. */
async function postingMatch(db: Kysely<DB>, k: Kept, query: MatchQuery): Promise<Match | null> {
  const marked = query.terms.flatMap((t) => MARKS.map((m) => m + t));
  const bodyId = query.bodyCode ? (await bodyIdOf(db, query.bodyCode)) ?? null : undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const records = await recordsOf(db, k);
    const raw = await readPostings(db, marked, records.gen);
    const blocks = int4s(raw.blocks);
    if (blocks.includes(-1)) { k.records = undefined; continue; } // a truncate (restore): read everything again
    // the blocks changed since the records' generation, read under raw.gen: valid unless another
    // request has meanwhile brought the records past raw.gen (then read again)
    if (BigInt(raw.gen) > BigInt(records.gen)) records.patch(raw.gen, blocks, raw.recs);
    if (records.gen !== raw.gen) continue;
    if ((raw.kept?.length ?? 0) < marked.length) return null;
    const bits = termBits(raw, marked.length, records.present.length);
    return matchFromBits(query, raw.gen, records, query.terms.map((_, t) => MARKS.map((__, m) => bits[t * MARKS.length + m])), bodyId);
  }
  return null;
}

/** Reads the index records into memory ahead of the first search (a server after it starts listening; errors are left to that search). */
export function warmSearch(db: Kysely<DB>): Promise<void> {
  return recordsOf(db, keptOf(db)).then(() => {}, () => {});
}

async function recordsOf(db: Kysely<DB>, k: Kept): Promise<Records> {
  if (k.records) return k.records;
  k.loading ??= readRecords(db, k.recordRange).then((records) => (k.records = records)).finally(() => { k.loading = undefined; });
  return k.loading;
}

/**
 * Every index record, in ranges of RECORD_RANGE ids. The records take the generation seen by the
 * first range: a later range may hold newer rows, but their blocks changed after that generation,
 * so the next postings read (since it) reads them again.
 */
async function readRecords(db: Kysely<DB>, range: number): Promise<Records> {
  const records = new Records();
  let gen: string | undefined;
  for (let from = 0; ; from += range) {
    const r = await recordRange(db, from, from + range);
    gen ??= r.gen;
    records.put(r.recs);
    if (r.max_id === null || from + range > r.max_id) break;
  }
  records.gen = gen!;
  return records;
}

async function bodyIdOf(db: Db, code: string): Promise<number | undefined> {
  const find = (codes: Map<number, string>) => { for (const [id, c] of codes) if (c === code) return id; return undefined; };
  const k = keptOf(db);
  return (k.codes && find(k.codes)) ?? find((k.codes = await bodyCodeMap(db)));
}

/** Keeps the terms of a query that found many services as postings, in every mark, up to MAX_POSTINGS terms. */
async function keepTerms(db: Kysely<DB>, k: Kept, terms: string[]) {
  if ((await countPostings(db)) >= MAX_POSTINGS) return;
  for (const t of terms) for (const m of MARKS) if (await keepPosting(db, m + t)) k.kept++;
}

// ---- kept match sets: per database, keyed by query, valid for one generation, bounded by size
/** Memory kept for match sets per database: ids, bodies, facets, sort keys, orders and tier bitmaps. */
const KEPT_BYTES = 64 * 1024 * 1024;
const bytesOf = (m: Match) => m.ids.length * 32 + (m.tierA?.length ?? 0) * 2;
interface Whole { gen: string; total: number; facets: Facets }
interface Kept {
  matches: KeptByGeneration<Match>; codes?: Map<number, string>; whole?: Whole; read: number; patched: number;
  records?: Records; loading?: Promise<Records>; posted: number; kept: number; postingMinHits: number; recordRange: number;
}
/** A term found in this many services (a query's whole match) is kept as a posting; at most MAX_POSTINGS marked terms. */
const POSTING_MIN_HITS = 1000;
const RECORD_RANGE = 32_768; // ids a statement of the first reading covers (512 KB of records)
const MAX_POSTINGS = 1500; // a publish that changes a service's text tests it against every kept term: about 45 µs each, twice, at 200k
const kept = new WeakMap<object, Kept>();

function keptOf(db: Db): Kept {
  let k = kept.get(db);
  if (!k) kept.set(db, (k = { matches: new KeptByGeneration(KEPT_BYTES, bytesOf), read: 0, patched: 0, posted: 0, kept: 0, postingMinHits: POSTING_MIN_HITS, recordRange: RECORD_RANGE }));
  return k;
}

async function findMatch(db: Db, filter: ServiceFilter): Promise<Match> {
  if (db.isTransaction) return readMatch(db, filter);
  const k = keptOf(db);
  const { matches } = k;
  const gen = await currentGeneration(db as Kysely<any>);
  const key = matchKey(filter);
  return matches.get(key, gen) ?? matches.make(key, gen, async () => {
    const before = matches.peek(key);
    if (before && BigInt(before.gen) < BigInt(gen)) {
      const c = await matchChanges(db, before.value.query, before.gen);
      if (!c.too_many && BigInt(c.log_from) <= BigInt(before.gen)) {
        k.patched++;
        return { value: patchMatch(before.value, c), gen: c.gen };
      }
    }
    k.read++;
    const m = await readMatch(db, filter);
    return { value: m, gen: m.gen };
  });
}

/** How kept match sets were made on a database: read whole (`posted`: of them, from postings), or patched from an older one. */
export function matchSetStats(db: Db): { read: number; patched: number; kept: number; posted: number; postingsMade: number } {
  const k = keptOf(db);
  return { read: k.read, patched: k.patched, kept: k.matches.size, posted: k.posted, postingsMade: k.kept };
}

/** Tests: the hits from which a query's terms are kept as postings, the ids per range of the records' first reading, and forgetting every kept match set. */
export function searchTuning(db: Db, o: { postingMinHits?: number; recordRange?: number; forget?: boolean }) {
  const k = keptOf(db);
  if (o.postingMinHits !== undefined) k.postingMinHits = o.postingMinHits;
  if (o.recordRange !== undefined) k.recordRange = o.recordRange;
  if (o.forget) kept.set(db, { ...k, matches: new KeptByGeneration(KEPT_BYTES, bytesOf), whole: undefined });
}

/** Codes of the given bodies: kept, and read again only when a body is new to the map. */
async function bodyCodes(db: Db, bodies: Iterable<number>): Promise<Map<number, string>> {
  if (db.isTransaction) return bodyCodeMap(db);
  const k = keptOf(db);
  if (k.codes) {
    let known = true;
    for (const id of bodies) if (!k.codes.has(id)) { known = false; break; }
    if (known) return k.codes;
  }
  k.codes = await bodyCodeMap(db);
  return k.codes;
}

/** No text and no filter: the whole registry, whose totals are kept by triggers (migration 006). */
function isWholeRegistry(f: ServiceFilter): boolean {
  return !parseQuery(f.q) && !f.body && !f.bodyKind && !f.field && !f.tech && !f.status && f.personal === undefined
    && f.highImpact === undefined && f.generative === undefined && f.example === undefined;
}

async function wholeRegistry(db: Db): Promise<Whole> {
  const k = db.isTransaction ? undefined : keptOf(db);
  if (k?.whole && k.whole.gen === (await currentGeneration(db as Kysely<any>))) return k.whole;
  const { gen, totals } = await wholeRegistryTotals(db);
  const ids = totals.filter(([key]) => key.startsWith('body:')).map(([key]) => Number(key.slice(5)));
  const whole = { gen, ...facetsFromTotals(totals, await bodyCodes(db, ids)) };
  freezeFacets(whole.facets);
  if (k && (!k.whole || BigInt(gen) >= BigInt(k.whole.gen))) k.whole = whole;
  return whole;
}

type Sort = 'relevance' | 'newest';

/** The ids of Match.newest in its order (kept with the match; the keys are seconds × 2²² + id, exact doubles). */
function newestIds(m: Match): Int32Array {
  let ids = m.orders.get('ids-ascending');
  if (!ids) {
    ids = new Int32Array(m.newest.length);
    for (let i = 0; i < ids.length; i++) ids[i] = idOfKey(m.newest[i]);
    m.orders.set('ids-ascending', ids);
  }
  return ids;
}

/** Ids of the match in the order of a sort (kept with the match): newest first, title tiers first. */
function order(m: Match, sort: Sort): Int32Array {
  const key = sort === 'relevance' && m.tierA && !m.tierB ? 'relevance-name' : sort; // before the second tier is known
  const have = m.orders.get(key);
  if (have) return have;
  const n = m.newest.length;
  const out = new Int32Array(n);
  const newest = newestIds(m);
  if (sort === 'relevance' && m.tierA) {
    const a = m.tierA, b = m.tierB;
    let j = 0;
    for (let i = n - 1; i >= 0; i--) { const id = newest[i]; if (a[id]) out[j++] = id; }
    if (b) for (let i = n - 1; i >= 0; i--) { const id = newest[i]; if (!a[id] && b[id]) out[j++] = id; }
    for (let i = n - 1; i >= 0; i--) { const id = newest[i]; if (!a[id] && !(b && b[id])) out[j++] = id; }
  } else {
    for (let i = 0; i < n; i++) out[i] = newest[n - 1 - i];
  }
  m.orders.set(key, out);
  return out;
}

function count(set: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < set.length; i++) n += set[i];
  return n;
}

export interface SearchResult { items: SearchRow[]; total: number; facets: Facets }

/** The facet counts of a match, counted once and kept with it (frozen: requests share them). */
async function facetsOf(db: Db, m: Match): Promise<Facets> {
  m.counted ??= freezeFacets(countFacets(m.bodies, m.facets, await bodyCodes(db, m.bodies)));
  return m.counted;
}

/** One page of a search with its total and facet counts (counts within the current results). */
export async function listServices(db: Db, filter: ServiceFilter): Promise<SearchResult> {
  const offset = (filter.page - 1) * filter.pageSize;
  if (isWholeRegistry(filter)) {
    const sort = filter.sort === 'name' || filter.sort === 'oldest' ? filter.sort : 'newest';
    const [whole, ids] = await Promise.all([
      wholeRegistry(db),
      sort === 'newest' ? newestPage(db, filter.pageSize, offset) : orderedPage(db, sort, filter.pageSize, offset),
    ]);
    return { items: await pageRows(db, ids), total: whole.total, facets: whole.facets };
  }
  const m = await findMatch(db, filter);
  const sort = filter.sort ?? (parseQuery(filter.q) ? 'relevance' : 'newest');
  let ids: number[];
  if (sort === 'name' || sort === 'oldest') ids = await orderedPage(db, sort, filter.pageSize, offset, m.ids);
  else {
    // The second tier (name or summary) is read only for pages past the name hits.
    if (sort === 'relevance' && m.tierA && !m.tierB && offset + filter.pageSize > count(m.tierA)) m.tierB = idSet(await summaryTier(db, m.query), m.maxId);
    ids = Array.from(order(m, sort).subarray(offset, offset + filter.pageSize));
  }
  const [items, facets] = await Promise.all([pageRows(db, ids), facetsOf(db, m)]);
  return { items, total: m.ids.length, facets };
}

/** A page of a search with its total (the facets come with it, kept with the match set). */
export async function searchServices(db: Db, filter: ServiceFilter): Promise<{ items: SearchRow[]; total: number }> {
  const { items, total } = await listServices(db, filter);
  return { items, total };
}

/** Counts per facet value within the results of a filter. */
export async function facetCounts(db: Db, filter: ServiceFilter): Promise<Facets> {
  return isWholeRegistry(filter) ? (await wholeRegistry(db)).facets : facetsOf(db, await findMatch(db, filter));
}

function freezeFacets(f: Facets): Facets {
  for (const counts of Object.values(f)) Object.freeze(counts);
  return Object.freeze(f);
}
