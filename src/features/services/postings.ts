/**
 * Match sets made in memory from posting bitmaps (migration 010): every index record of the
 * registry is kept per process (16 bytes a service: 3.2 MB at 200k), brought up to date block by
 * block from `index_blocks`, and a query whose terms are all kept as postings is answered by
 * intersecting their bits and filtering the records: no index row is visited. The result is the
 * same Match the SQL path makes (toMatch), tiers included.
 */
import type { Match } from './match-set.ts';
import { ID_SPACE } from './match-set.ts';
import type { MatchQuery } from './search-index.repository.ts';
import { packedPredicate } from './search-index.ts';
import type { RawPostings } from './search-postings.repository.ts';

export const BLOCK = 1024;
const BLOCK_BYTES = BLOCK / 8;

/** The index records of the whole registry by service id. */
export class Records {
  gen = '0';
  present = new Uint8Array(0);
  body = new Int32Array(0);
  facets = new Int32Array(0);
  seconds = new Int32Array(0);

  private grow(maxId: number) {
    if (maxId < this.present.length) return;
    const n = Math.max(maxId + 1, Math.ceil(this.present.length * 1.5), BLOCK);
    const grown = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T) => { const b = make(n); b.set(a); return b; };
    this.present = grown(this.present, (k) => new Uint8Array(k));
    this.body = grown(this.body, (k) => new Int32Array(k));
    this.facets = grown(this.facets, (k) => new Int32Array(k));
    this.seconds = grown(this.seconds, (k) => new Int32Array(k));
  }


  /** Replaces the given blocks with the records given (all of those blocks now). */
  patch(gen: string, blocks: Int32Array, recs: Uint8Array | null) {
    for (const b of blocks) {
      const from = b * BLOCK;
      if (from < this.present.length) this.present.fill(0, from, Math.min(from + BLOCK, this.present.length));
    }
    this.put(recs);
    this.gen = gen;
  }

  /** Adds records (a first reading, range by range: see services.search.ts). */
  put(recs: Uint8Array | null) {
    if (!recs) return;
    const v = new DataView(recs.buffer, recs.byteOffset, recs.byteLength);
    let maxId = 0;
    for (let o = 0; o < recs.byteLength; o += 16) maxId = Math.max(maxId, v.getInt32(o));
    this.grow(maxId);
    for (let o = 0; o < recs.byteLength; o += 16) {
      const id = v.getInt32(o);
      this.present[id] = 1;
      this.body[id] = v.getInt32(o + 4);
      this.facets[id] = v.getInt32(o + 8);
      this.seconds[id] = v.getInt32(o + 12);
    }
  }
}

/** The bits of each asked term (by its position in the list, 1-based as SQL's ordinality), one bit per service id. */
export function termBits(raw: RawPostings, count: number, ids: number): Uint8Array[] {
  const bytes = Math.ceil(ids / BLOCK) * BLOCK_BYTES;
  const out = Array.from({ length: count }, () => new Uint8Array(bytes));
  const b = raw.bits;
  if (!b) return out;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let o = 0; o < b.byteLength; o += 8 + BLOCK_BYTES) {
    const term = v.getInt32(o) - 1, block = v.getInt32(o + 4);
    const at = block * BLOCK_BYTES;
    if (at + BLOCK_BYTES <= bytes) out[term].set(b.subarray(o + 8, o + 8 + BLOCK_BYTES), at);
  }
  return out;
}

/** Bits of ids that are in every one of the sets (bit o of a block is its byte o >> 3, mask 0x80 >> (o & 7)). */
function every(sets: Uint8Array[], bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  if (sets.length === 0) return out.fill(0xff);
  out.set(sets[0].subarray(0, bytes));
  for (let s = 1; s < sets.length; s++) for (let i = 0; i < bytes; i++) out[i] &= sets[s][i];
  return out;
}

/**
 * The sort keys of Match.newest, (seconds × 2²² + id) ascending, from ids ascending and their
 * seconds: a stable radix sort on the seconds (three passes of 11 bits) keeps equal seconds in id
 * order, which is the keys' order. A tenth of the time of sorting the doubles at 35k.
 */
export function newestKeys(ids: Int32Array, seconds: Int32Array): Float64Array {
  const n = ids.length;
  let from = Uint32Array.from(seconds), fromIds = ids.slice();
  let to = new Uint32Array(n), toIds = new Int32Array(n);
  const counts = new Int32Array(2048);
  for (let shift = 0; shift < 33; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(from[i] >>> shift) & 2047]++;
    for (let b = 0, sum = 0; b < 2048; b++) { const c = counts[b]; counts[b] = sum; sum += c; }
    for (let i = 0; i < n; i++) { const at = counts[(from[i] >>> shift) & 2047]++; to[at] = from[i]; toIds[at] = fromIds[i]; }
    [from, to] = [to, from];
    [fromIds, toIds] = [toIds, fromIds];
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = from[i] * ID_SPACE + fromIds[i];
  return out;
}

let buffer = new Int32Array(0);
/** A buffer of at least n ids, reused between calls (the ids found are copied out of it). */
function scratch(n: number): Int32Array {
  if (buffer.length < n) buffer = new Int32Array(n);
  return buffer;
}

const has = (bits: Uint8Array, id: number) => (bits[id >> 3] & (0x80 >> (id & 7))) !== 0;

/**
 * The match of a query from the records and the bits of its marked terms: `bits[t][m]` is term
 * t's bits with mark MARKS[m] ('' , '^', '~'). `bodyId` null: the query's body is unknown (no match).
 */
export function matchFromBits(query: MatchQuery, gen: string, records: Records, bits: Uint8Array[][], bodyId: number | null | undefined): Match {
  const n = records.present.length;
  const bytes = Math.ceil(n / 8);
  const text = every(bits.map((b) => b[0]), bytes);
  const keep = packedPredicate(query.facets);
  const { present, body, facets, seconds } = records;
  const found = scratch(n);
  let count = 0;
  if (bodyId !== null) {
    for (let byte = 0; byte < bytes; byte++) {
      const x = text[byte];
      if (x === 0) continue;
      for (let k = 0; k < 8; k++) {
        if (!(x & (0x80 >> k))) continue;
        const id = byte * 8 + k;
        if (id < n && present[id] && (bodyId === undefined || body[id] === bodyId) && keep(facets[id])) found[count++] = id;
      }
    }
  }
  const ids = found.slice(0, count), bodies = new Int32Array(count), packed = new Int32Array(count), keys = new Int32Array(count);
  const maxId = count ? ids[count - 1] : 0;
  for (let j = 0; j < count; j++) {
    const id = ids[j];
    if (seconds[id] < 0 || id >= ID_SPACE) throw new Error(`service ${id} is outside the sort key space`);
    bodies[j] = body[id]; packed[j] = facets[id]; keys[j] = seconds[id];
  }
  const newest = newestKeys(ids, keys);
  const tier = (marks: number[]) => {
    if (query.terms.length === 0) return undefined;
    const inTier = every(bits.map((b) => marks.length === 1 ? b[marks[0]] : orOf(marks.map((m) => b[m]), bytes)), bytes);
    const set = new Uint8Array(maxId + 1);
    for (const id of ids) if (has(inTier, id)) set[id] = 1;
    return set;
  };
  return { gen, query, ids, bodies, facets: packed, newest, maxId, tierA: tier([1]), tierB: tier([1, 2]), orders: new Map() };
}

function orOf(sets: Uint8Array[], bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (const s of sets) for (let i = 0; i < bytes; i++) out[i] |= s[i];
  return out;
}

