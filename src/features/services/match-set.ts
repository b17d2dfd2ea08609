/**
 * A query's match set in memory: every matching service's id, body, packed facets and
 * publication-time sort key, and its relevance tiers; read from the 16-byte records of
 * search-index.repository.ts, or brought up to date from the index change log (migration 007).
 */
import type { Facets } from './search-index.ts';
import type { MatchQuery, RawChanges, RawMatch } from './search-index.repository.ts';

export interface Match {
  gen: string;
  query: MatchQuery;
  ids: Int32Array;
  bodies: Int32Array;
  facets: Int32Array;
  /** Newest first: (seconds since 2000) × 2²² + id, sorted ascending (read from the end). */
  newest: Float64Array;
  tierA?: Uint8Array; // by service id: 1 when every term is in the name
  tierB?: Uint8Array; // by service id: 1 when every term is in the name or summary
  maxId: number;
  counted?: Facets;
  orders: Map<string, Int32Array>;
}

export const ID_SPACE = 4_194_304; // 2²²: seconds since 2000 × 2²² + id is an exact double (< 2⁵³) until 2068

/** The service id of a sort key (floor and a product: exact for powers of two, and cheaper than %). */
export const idOfKey = (k: number) => k - Math.floor(k / ID_SPACE) * ID_SPACE;

function view(b: Uint8Array) { return new DataView(b.buffer, b.byteOffset, b.byteLength); }

/** The values of a list of int4s (big-endian, as int4send and string_agg give them). */
export function int4s(b: Uint8Array | null): Int32Array {
  if (!b) return new Int32Array(0);
  const v = view(b), out = new Int32Array(b.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = v.getInt32(i * 4);
  return out;
}

/** A set of service ids (int4 each) as a bitmap indexed by id. */
export function idSet(b: Uint8Array | null, maxId: number): Uint8Array {
  const set = new Uint8Array(maxId + 1);
  for (const id of int4s(b)) if (id <= maxId) set[id] = 1;
  return set;
}

/** A match from its raw records; `withTier` false leaves the name tier out (patchMatch builds its own). */
export function toMatch(query: MatchQuery, r: RawMatch, withTier = true): Match {
  const n = r.rows ? r.rows.byteLength / 16 : 0;
  const ids = new Int32Array(n), bodies = new Int32Array(n), facets = new Int32Array(n), newest = new Float64Array(n);
  let maxId = 0;
  if (r.rows) {
    const v = view(r.rows);
    for (let i = 0, o = 0; i < n; i++, o += 16) {
      const id = v.getInt32(o);
      ids[i] = id; bodies[i] = v.getInt32(o + 4); facets[i] = v.getInt32(o + 8);
      const seconds = v.getInt32(o + 12);
      if (id >= ID_SPACE || seconds < 0) throw new Error(`service ${id} is outside the sort key space`);
      newest[i] = seconds * ID_SPACE + id;
      if (id > maxId) maxId = id;
    }
  }
  newest.sort(); // native numeric sort: newest last
  return { gen: r.gen, query, ids, bodies, facets, newest, maxId, tierA: withTier && query.terms.length ? idSet(r.tier_a, maxId) : undefined, orders: new Map() };
}

/**
 * A kept match brought up to a newer generation with what changed since (see matchChanges): the
 * changed and removed services leave it, those of them matching now come back with their new
 * values. The same result as reading the match again, in time proportional to the match's size
 * in memory and to the changes in the database.
 */
export function patchMatch(old: Match, c: RawChanges): Match {
  const add = toMatch(old.query, { gen: c.gen, rows: c.rows, tier_a: null }, false);
  const changed = int4s(c.changed);
  let maxId = Math.max(old.maxId, add.maxId);
  for (const id of changed) if (id > maxId) maxId = id;
  const drop = new Uint8Array(maxId + 1);
  for (const id of changed) drop[id] = 1;
  let kept = 0;
  for (const id of old.ids) if (!drop[id]) kept++;
  const n = kept + add.ids.length;
  const ids = new Int32Array(n), bodies = new Int32Array(n), facets = new Int32Array(n), newest = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < old.ids.length; i++) {
    if (drop[old.ids[i]]) continue;
    ids[j] = old.ids[i]; bodies[j] = old.bodies[i]; facets[j] = old.facets[i]; j++;
  }
  ids.set(add.ids, j); bodies.set(add.bodies, j); facets.set(add.facets, j);
  // merge two ascending key lists (the old one without the dropped services)
  let a = 0, b = 0, k = 0;
  const oldKeys = old.newest, newKeys = add.newest;
  while (k < n) {
    while (a < oldKeys.length && drop[idOfKey(oldKeys[a])]) a++;
    if (a < oldKeys.length && (b >= newKeys.length || oldKeys[a] <= newKeys[b])) newest[k++] = oldKeys[a++];
    else newest[k++] = newKeys[b++];
  }
  const tier = (before: Uint8Array | undefined, now: Uint8Array | null) => {
    if (!before) return undefined;
    const set = new Uint8Array(maxId + 1);
    set.set(before);
    for (const id of changed) set[id] = 0;
    for (const id of int4s(now)) set[id] = 1;
    return set;
  };
  return { gen: c.gen, query: old.query, ids, bodies, facets, newest, maxId, tierA: tier(old.tierA, c.tier_a), tierB: tier(old.tierB, c.tier_b), orders: new Map() };
}
