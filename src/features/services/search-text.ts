/**
 * Korean-aware n-gram search. Korean has no spaces inside compounds (고독사 in 인공지능기반고독사예방),
 * so words are indexed by their character bigrams in a GIN-indexed text[]; a query term must contain
 * all its bigrams (index) and then appear as a substring (exact check). Two-syllable words (진단, 복지)
 * are a single bigram. One-character terms skip the index and fall back to a substring scan.
 */
const WORD = /[\p{L}\p{N}]+/gu;

export function normalize(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

export function words(text: string): string[] {
  return normalize(text).match(WORD) ?? [];
}

export function bigramsOf(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length < 2) return [];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Index grams of a document: bigrams of every word, plus one-character words themselves. */
export function documentGrams(text: string): string[] {
  const set = new Set<string>();
  for (const w of words(text)) {
    if (Array.from(w).length === 1) set.add(w);
    for (const g of bigramsOf(w)) set.add(g);
  }
  return [...set];
}

export interface ParsedQuery {
  terms: string[];
  grams: string[];
}

export function parseQuery(q: string | undefined): ParsedQuery | undefined {
  if (!q) return undefined;
  const terms = [...new Set(words(q))].slice(0, 10);
  if (terms.length === 0) return undefined;
  const grams = [...new Set(terms.flatMap(bigramsOf))];
  return { terms, grams };
}
