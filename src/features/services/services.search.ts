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
import { ID_SPACE, idSet, patchMatch, toMatch, type Match } from './match-set.ts';
import { currentGeneration } from './generation.ts';
import { KeptByGeneration } from '../../platform/cache/kept.ts';
import { pageRows, type SearchRow } from './services.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

function matchKey(filter: ServiceFilter): string {
  return JSON.stringify([parseQuery(filter.q)?.terms ?? null, filter.body, filter.bodyKind, filter.field, filter.tech, filter.status,
    filter.personal, filter.highImpact, filter.generative, filter.example]);
}

function readMatch(db: Db, filter: ServiceFilter): Promise<Match> {
  const query: MatchQuery = {
    terms: parseQuery(filter.q)?.terms ?? [],
    bodyCode: filter.body,
    facets: { field: filter.field, status: filter.status, bodyKind: filter.bodyKind, tech: filter.tech, personal: filter.personal, highImpact: filter.highImpact, generative: filter.generative, example: filter.example },
  };
  return matchSet(db, query).then((r) => toMatch(query, r));
}

// ---- kept match sets: per database, keyed by query, valid for one generation, bounded by size
/** Memory kept for match sets per database: ids, bodies, facets, sort keys, orders and tier bitmaps. */
const KEPT_BYTES = 64 * 1024 * 1024;
const bytesOf = (m: Match) => m.ids.length * 32 + (m.tierA?.length ?? 0) * 2;
interface Whole { gen: string; total: number; facets: Facets }
interface Kept { matches: KeptByGeneration<Match>; codes?: Map<number, string>; whole?: Whole; read: number; patched: number }
const kept = new WeakMap<object, Kept>();

function keptOf(db: Db): Kept {
  let k = kept.get(db);
  if (!k) kept.set(db, (k = { matches: new KeptByGeneration(KEPT_BYTES, bytesOf), read: 0, patched: 0 }));
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

/** How kept match sets were made on a database: read whole, or patched from an older one. */
export function matchSetStats(db: Db): { read: number; patched: number; kept: number } {
  const k = keptOf(db);
  return { read: k.read, patched: k.patched, kept: k.matches.size };
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

/** Ids of the match in the order of a sort (kept with the match): newest first, title tiers first. */
function order(m: Match, sort: Sort): Int32Array {
  const key = sort === 'relevance' && m.tierA && !m.tierB ? 'relevance-name' : sort; // before the second tier is known
  const have = m.orders.get(key);
  if (have) return have;
  const n = m.newest.length;
  const out = new Int32Array(n);
  const idOf = (k: number) => k % ID_SPACE;
  if (sort === 'relevance' && m.tierA) {
    const a = m.tierA, b = m.tierB;
    let j = 0;
    for (let i = n - 1; i >= 0; i--) { const id = idOf(m.newest[i]); if (a[id]) out[j++] = id; }
    if (b) for (let i = n - 1; i >= 0; i--) { const id = idOf(m.newest[i]); if (!a[id] && b[id]) out[j++] = id; }
    for (let i = n - 1; i >= 0; i--) { const id = idOf(m.newest[i]); if (!a[id] && !(b && b[id])) out[j++] = id; }
  } else {
    for (let i = 0; i < n; i++) out[i] = idOf(m.newest[n - 1 - i]);
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
