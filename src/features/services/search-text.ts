/**
 * Text handling shared by the index and the queries: normalization (NFC, lower case), words
 * (letters and digits) and their character bigrams. How they are indexed: search-index.ts.
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
