/**
 * The search index of a published service (table service_index): its words and its facet values
 * packed into one integer, so that a search reads narrow rows only.
 *
 * Keys. Korean compounds have no spaces (고독사 inside 인공지능기반고독사예방), so a query term
 * matches every word that contains it. A service is indexed by its words and their bigrams (GIN on
 * service_index.terms). A two-character term (진단, 복지) is itself a bigram key; a longer or a
 * one-character term is looked up in the vocabulary of all words (search_words, bigram-indexed) and
 * matches the services having any of the words found. Both are exact: no document is re-read.
 * The keys of the name and of the summary are also indexed with a marker (^key, ~key), so title
 * hits are found by the same index and ranked first. (The key list of a service is long enough to
 * live in TOAST, which keeps service_index rows narrow.)
 *
 * Facets. Field, status, body kind, the three flags, the example mark and the technology types are
 * bits of `facets` (layout below). The positions are the order of the code lists in
 * FACET_CODE_ORDER, which may only be appended to (a test pins it); changing it needs
 * `registry reindex`.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { BODY_KINDS, FIELDS, STATUSES, TECH_TYPES, keysOf } from '../disclosure/codes.ts';
import { bigramsOf, normalize, words } from './search-text.ts';

export const FACET_CODE_ORDER = {
  field: keysOf(FIELDS) as readonly string[],
  status: keysOf(STATUSES) as readonly string[],
  bodyKind: keysOf(BODY_KINDS) as readonly string[],
  tech: keysOf(TECH_TYPES) as readonly string[],
};

// bits 0–5 field (index + 1), 6–8 status, 9–11 body kind, 12 personal, 13 high impact,
// 14 generative, 15 example, 16–30 technology types (one bit each).
const FIELD = { shift: 0, bits: 6 };
const STATUS = { shift: 6, bits: 3 };
const KIND = { shift: 9, bits: 3 };
const FLAG = { personal: 1 << 12, highImpact: 1 << 13, generative: 1 << 14, example: 1 << 15 } as const;
const TECH_SHIFT = 16;

for (const [name, list, slot] of [['field', FACET_CODE_ORDER.field, FIELD], ['status', FACET_CODE_ORDER.status, STATUS], ['bodyKind', FACET_CODE_ORDER.bodyKind, KIND]] as const) {
  if (list.length >= 1 << slot.bits) throw new Error(`too many ${name} codes for the packed facets`);
}
if (FACET_CODE_ORDER.tech.length > 31 - TECH_SHIFT) throw new Error('too many technology types for the packed facets');

export interface FacetValues {
  field: string; status: string; bodyKind: string; techTypes: readonly string[];
  personal: boolean; highImpact: boolean; generative: boolean; isExample: boolean;
}

const slotValue = (list: readonly string[], value: string, slot: { shift: number }) => (list.indexOf(value) + 1) << slot.shift;

export function packFacets(v: FacetValues): number {
  let n = slotValue(FACET_CODE_ORDER.field, v.field, FIELD) | slotValue(FACET_CODE_ORDER.status, v.status, STATUS) | slotValue(FACET_CODE_ORDER.bodyKind, v.bodyKind, KIND);
  if (v.personal) n |= FLAG.personal;
  if (v.highImpact) n |= FLAG.highImpact;
  if (v.generative) n |= FLAG.generative;
  if (v.isExample) n |= FLAG.example;
  for (const t of v.techTypes) {
    const i = FACET_CODE_ORDER.tech.indexOf(t);
    if (i >= 0) n |= 1 << (TECH_SHIFT + i);
  }
  return n;
}

/** Facet filters as conditions on the packed column. */
export interface PackedFilter {
  field?: string; status?: string; bodyKind?: string; tech?: string;
  personal?: boolean; highImpact?: boolean; generative?: boolean; example?: boolean;
}

/** A filter as tests of the packed value: (value & mask) = equals, or (value & mask) <> 0 when equals is 'any'. */
function packedTests(f: PackedFilter): { mask: number; equals: number | 'any' }[] {
  const out: { mask: number; equals: number | 'any' }[] = [];
  const slot = (list: readonly string[], value: string, s: { shift: number; bits: number }) => {
    out.push({ mask: ((1 << s.bits) - 1) << s.shift, equals: slotValue(list, value, s) });
  };
  if (f.field) slot(FACET_CODE_ORDER.field, f.field, FIELD);
  if (f.status) slot(FACET_CODE_ORDER.status, f.status, STATUS);
  if (f.bodyKind) slot(FACET_CODE_ORDER.bodyKind, f.bodyKind, KIND);
  if (f.tech) {
    const i = FACET_CODE_ORDER.tech.indexOf(f.tech);
    out.push(i < 0 ? { mask: 0, equals: 'any' } : { mask: 1 << (TECH_SHIFT + i), equals: 'any' }); // mask 0: never true
  }
  for (const k of ['personal', 'highImpact', 'generative', 'example'] as const) {
    if (f[k] !== undefined) out.push(f[k] ? { mask: FLAG[k], equals: 'any' } : { mask: FLAG[k], equals: 0 });
  }
  return out;
}

export function packedConditions(column: RawBuilder<number>, f: PackedFilter): RawBuilder<SqlBool>[] {
  return packedTests(f).map((t) => t.mask === 0 ? sql<SqlBool>`false`
    : t.equals === 'any' ? sql<SqlBool>`(${column} & ${t.mask}) <> 0` : sql<SqlBool>`(${column} & ${t.mask}) = ${t.equals}`);
}

/** The same filter as a test of a packed value in memory (postings.ts). */
export function packedPredicate(f: PackedFilter): (value: number) => boolean {
  const tests = packedTests(f);
  return (v) => {
    for (const t of tests) if (t.equals === 'any' ? (v & t.mask) === 0 : (v & t.mask) !== t.equals) return false;
    return true;
  };
}

export type FacetName = 'body' | 'bodyKind' | 'field' | 'tech' | 'status' | 'personal' | 'highImpact' | 'generative';
export type Facets = Record<FacetName, Record<string, number>>;

/** Counts per facet value over packed values (body counts come keyed by body id; see bodyCodes). */
export function countFacets(bodies: Int32Array, packed: Int32Array, bodyCodes: Map<number, string>): Facets {
  const field = new Float64Array(1 << FIELD.bits), status = new Float64Array(1 << STATUS.bits), kind = new Float64Array(1 << KIND.bits);
  const tech = new Float64Array(31 - TECH_SHIFT);
  const flags = { personal: 0, highImpact: 0, generative: 0 };
  const n = packed.length;
  let maxBody = 0;
  for (let i = 0; i < n; i++) if (bodies[i] > maxBody) maxBody = bodies[i];
  const perBody = new Int32Array(maxBody + 1);
  for (let i = 0; i < n; i++) {
    const p = packed[i];
    field[(p >> FIELD.shift) & ((1 << FIELD.bits) - 1)]++;
    status[(p >> STATUS.shift) & ((1 << STATUS.bits) - 1)]++;
    kind[(p >> KIND.shift) & ((1 << KIND.bits) - 1)]++;
    if (p & FLAG.personal) flags.personal++;
    if (p & FLAG.highImpact) flags.highImpact++;
    if (p & FLAG.generative) flags.generative++;
    let t = p >>> TECH_SHIFT;
    for (let b = 0; t; b++, t >>>= 1) if (t & 1) tech[b]++;
    perBody[bodies[i]]++;
  }
  const named = (list: readonly string[], counts: Float64Array, offset: number) => {
    const out: Record<string, number> = {};
    list.forEach((code, i) => { if (counts[i + offset] > 0) out[code] = counts[i + offset]; });
    return out;
  };
  const flag = (yes: number) => {
    const out: Record<string, number> = {};
    if (yes > 0) out.true = yes;
    if (n - yes > 0) out.false = n - yes;
    return out;
  };
  const body: Record<string, number> = {};
  for (let id = 0; id <= maxBody; id++) { if (perBody[id] === 0) continue; const code = bodyCodes.get(id); if (code) body[code] = perBody[id]; }
  return {
    body, bodyKind: named(FACET_CODE_ORDER.bodyKind, kind, 1), field: named(FACET_CODE_ORDER.field, field, 1),
    status: named(FACET_CODE_ORDER.status, status, 1), tech: named(FACET_CODE_ORDER.tech, tech, 0),
    personal: flag(flags.personal), highImpact: flag(flags.highImpact), generative: flag(flags.generative),
  };
}

/** Total and facets of the whole registry from its kept totals ('all', 'body:<id>', 'field:<n>', …; migration 006). */
export function facetsFromTotals(totals: [string, number][], bodyCodes: Map<number, string>): { total: number; facets: Facets } {
  const facets: Facets = { body: {}, bodyKind: {}, field: {}, tech: {}, status: {}, personal: {}, highImpact: {}, generative: {} };
  let total = 0;
  for (const [key, n] of totals) {
    const [dim, v] = key.split(':');
    const i = Number(v);
    if (dim === 'all') total = n;
    else if (dim === 'body') { const code = bodyCodes.get(i); if (code) facets.body[code] = n; }
    else if (dim === 'field' && FACET_CODE_ORDER.field[i - 1]) facets.field[FACET_CODE_ORDER.field[i - 1]] = n;
    else if (dim === 'status' && FACET_CODE_ORDER.status[i - 1]) facets.status[FACET_CODE_ORDER.status[i - 1]] = n;
    else if (dim === 'kind' && FACET_CODE_ORDER.bodyKind[i - 1]) facets.bodyKind[FACET_CODE_ORDER.bodyKind[i - 1]] = n;
    else if (dim === 'tech' && FACET_CODE_ORDER.tech[i]) facets.tech[FACET_CODE_ORDER.tech[i]] = n;
    else if (dim === 'personal' || dim === 'highImpact' || dim === 'generative') facets[dim][v === '1' ? 'true' : 'false'] = n;
  }
  return { total, facets };
}

export const NAME_MARK = '^';
export const SUMMARY_MARK = '~';

/**
 * The keys a text is found by: the bigrams of its words (a two-character term is found by its
 * bigram, exactly: bigrams never cross words) and its words themselves (a longer term is found by
 * the vocabulary words that contain it). Collisions between a word and a bigram are harmless: both
 * mean the text contains that string inside a word.
 */
export function textKeys(text: string): Set<string> {
  const set = new Set<string>();
  for (const w of words(text)) {
    set.add(w);
    for (const g of bigramsOf(w)) set.add(g);
  }
  return set;
}

/** The index keys of a service: its document's keys, and its name's and summary's keys marked. */
export function indexKeys(doc: string, names: (string | null | undefined)[], summaries: (string | null | undefined)[]): string[] {
  const set = textKeys(doc);
  for (const n of names) if (n) for (const k of textKeys(n)) set.add(NAME_MARK + k);
  for (const s of summaries) if (s) for (const k of textKeys(s)) set.add(SUMMARY_MARK + k);
  return [...set];
}

/** Vocabulary entries for the words of a text (for terms of one or of three and more characters). */
export function vocabularyOf(doc: string): { word: string; grams: string[] }[] {
  return [...new Set(words(doc))].map((word) => ({ word, grams: wordGrams(word) }));
}

/** How a term is looked up: by its own key (two characters) or through the vocabulary. */
export function isBigramTerm(term: string): boolean {
  return Array.from(term).length === 2;
}

export function wordGrams(word: string): string[] {
  const g = bigramsOf(word);
  return g.length ? [...new Set(g)] : [word];
}

export { normalize };
