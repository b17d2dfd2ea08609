import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { countFacets, FACET_CODE_ORDER, indexKeys, isBigramTerm, packFacets, vocabularyOf } from './search-index.ts';

describe('search index values', () => {
  test('the packed facet positions are pinned: code lists may only be appended to', () => {
    // Changing an existing position would make every stored service_index.facets wrong until
    // `registry reindex` runs; if this fails, append new codes at the end instead.
    assert.deepEqual(FACET_CODE_ORDER.status.slice(0, 4), ['planned', 'pilot', 'operating', 'discontinued']);
    assert.equal(FACET_CODE_ORDER.field[0], 'welfare');
    assert.equal(FACET_CODE_ORDER.tech[0], 'prediction');
    assert.equal(FACET_CODE_ORDER.bodyKind[0], 'province');
  });

  test('packing then counting gives the counts of the values themselves', () => {
    const value = fc.record({
      field: fc.constantFrom(...FACET_CODE_ORDER.field), status: fc.constantFrom(...FACET_CODE_ORDER.status),
      bodyKind: fc.constantFrom(...FACET_CODE_ORDER.bodyKind), techTypes: fc.uniqueArray(fc.constantFrom(...FACET_CODE_ORDER.tech), { maxLength: 4 }),
      personal: fc.boolean(), highImpact: fc.boolean(), generative: fc.boolean(), isExample: fc.boolean(), body: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(fc.property(fc.array(value, { maxLength: 60 }), (rows) => {
      const f = countFacets(Int32Array.from(rows.map((r) => r.body)), Int32Array.from(rows.map(packFacets)), new Map([1, 2, 3, 4, 5].map((i) => [i, `B${i}`])));
      const tally = (key: (r: (typeof rows)[number]) => string[]) => {
        const out: Record<string, number> = {};
        for (const r of rows) for (const k of key(r)) out[k] = (out[k] ?? 0) + 1;
        return out;
      };
      assert.deepEqual(f.field, tally((r) => [r.field]));
      assert.deepEqual(f.status, tally((r) => [r.status]));
      assert.deepEqual(f.bodyKind, tally((r) => [r.bodyKind]));
      assert.deepEqual(f.tech, tally((r) => r.techTypes));
      assert.deepEqual(f.personal, tally((r) => [String(r.personal)]));
      assert.deepEqual(f.highImpact, tally((r) => [String(r.highImpact)]));
      assert.deepEqual(f.generative, tally((r) => [String(r.generative)]));
      assert.deepEqual(f.body, tally((r) => [`B${r.body}`]));
    }));
  });

  test('index keys: words and bigrams of the document, marked keys of name and summary; the vocabulary holds words', () => {
    const k = indexKeys('인공지능 기반 고독사 예방 ai', ['고독사 예방 AI'], ['고독사 위험 안내']);
    for (const key of ['고독사', '고독', '독사', '인공지능', '공지', 'ai', '^고독사', '^고독', '^ai', '~위험', '~안내']) assert.ok(k.includes(key), key);
    assert.ok(!k.includes('^위험'));
    assert.deepEqual(vocabularyOf('고독사 예방 고독사').map((v) => v.word), ['고독사', '예방']);
    assert.deepEqual(vocabularyOf('고독사')[0].grams, ['고독', '독사']);
    assert.ok(isBigramTerm('복지') && !isBigramTerm('고독사') && !isBigramTerm('a'));
  });
});
