import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { LABELS } from '../disclosure/disclosure.fields.ts';
import { FOREIGN_FORMATS, FORMAT_IDS, FORMATS } from './formats.ts';
import { CONVERTERS, codeKey, exportFields, importFields, parseLooseDate } from './mapping.ts';
import { standardsDoc } from './standards.doc.ts';
import { csvCell, decodeText, guardCell, parseCsv, repairText, unguardCell } from './text.ts';

describe('mapping data', () => {
  test('every field names a known converter, a fidelity, and a Gyeonggi path the schema has', () => {
    const known = new Set(Object.keys(LABELS));
    for (const id of FORMAT_IDS) {
      const m = FORMATS[id].mapping;
      if (!m) continue;
      assert.equal(m.fields.filter((f) => f.required).length, 1, `${id}: exactly one required (name) field`);
      assert.equal(new Set(m.fields.map((f) => f.field)).size, m.fields.length, `${id}: field keys are unique`);
      for (const f of m.fields) {
        assert.ok(CONVERTERS[f.convert ?? 'text'], `${id}.${f.field}: converter ${f.convert}`);
        assert.ok(['exact', 'approximate', 'lost'].includes(f.fidelity));
        if (f.fidelity === 'lost') assert.equal(f.gg, null, `${id}.${f.field}: lost fields have no Gyeonggi source`);
        if (f.gg && !f.gg.startsWith('@') && id !== 'csv' && id !== 'xlsx') {
          const base = f.gg.replace(/\.(ko|en)$/, '');
          assert.ok(known.has(base) || known.has(f.gg) || f.gg === 'aiAct' || f.gg === 'personalInfo', `${id}.${f.field}: ${f.gg} is a disclosure item`);
        }
        if (f.convert === 'code') assert.ok(f.codes, `${id}.${f.field}: code tables are data`);
      }
    }
  });

  test('no two importable fields of a standard write the same Gyeonggi item', () => {
    for (const id of FOREIGN_FORMATS) {
      const writes = FORMATS[id].mapping!.fields.filter((f) => f.gg && !f.gg.startsWith('@') && CONVERTERS[f.convert ?? 'text'].in).map((f) => f.gg);
      assert.equal(new Set(writes).size, writes.length, `${id}: ${writes.join(', ')}`);
    }
  });

  test('code values survive Gyeonggi → standard → Gyeonggi wherever the pair is the first for its value', () => {
    for (const id of FOREIGN_FORMATS) {
      for (const f of FORMATS[id].mapping!.fields.filter((x) => x.codes && x.convert === 'code')) {
        for (const [gg, foreign] of f.codes!.pairs) {
          const first = f.codes!.pairs.find(([, v]) => v === foreign)![0];
          const back = importFields({ ...FORMATS[id].mapping!, fields: [f] }, { [f.field]: foreign }).disclosure;
          const got = getDeep(back, f.gg!);
          const value = Array.isArray(got) ? got[0] : got;
          assert.equal(value, first, `${id}.${f.field}: ${gg} → ${foreign}`);
        }
      }
    }
  });

  test('the committed docs/standards.md is the one generated from the mapping data', () => {
    const committed = fs.readFileSync(path.join(import.meta.dirname, '../../../docs/standards.md'), 'utf8');
    assert.equal(committed, standardsDoc(), 'run `npx tsx scripts/standards-doc.ts`');
  });
});

function getDeep(o: any, p: string): any {
  return p.split('.').reduce((x, k) => x?.[k], o);
}

describe('value conversions', () => {
  test('dates as agencies write them', () => {
    const cases: [string, string | undefined][] = [
      ['2024-10-01 00:00:00', '2024-10-01'], ['10/1/2023', '2023-10-01'], ['01/2024', '2024-01-01'], ['Jul-25', '2025-07-01'],
      ['2025', '2025-01-01'], ['2025.0', '2025-01-01'], ['2024-02', '2024-02-01'], ['08/01/2025 00:00:00', '2025-08-01'],
      ['2023-02-30', undefined], ['pbgc-reporting.pdf', undefined], ['FY2024', undefined], ['13/2024', undefined],
    ];
    for (const [s, want] of cases) assert.equal(parseLooseDate(s)?.date, want, s);
  });

  test('coded answers are compared without prefixes, explanations, case or dash style', () => {
    assert.equal(codeKey('a)\u00a0Purchased from a vendor'), 'purchased from a vendor');
    assert.equal(codeKey('Computer Vision: AI that processes and interprets visual data'), 'computer vision');
    assert.equal(codeKey('Other  \u2013 Economic & Financial'), codeKey('Other – Economic & Financial'));
  });

  test('the formula guard is reversible for every value', () => {
    for (const v of ['=1+1', '-x', "'-x", "''-x", "'s-Hertogenbosch", "'", '', 'plain', '@home', '\tx', "'=SUM(A1)"]) {
      assert.equal(unguardCell(guardCell(v)), v, JSON.stringify(v));
    }
    assert.equal(csvCell('-x'), "'-x");
    assert.equal(csvCell('a,b'), '"a,b"');
  });

  test('repairs: C1 punctuation restored, stray controls removed, NFC, trimmed', () => {
    assert.deepEqual(repairText('Yes \u0096 by the CAIO\u0092s office'), { text: 'Yes – by the CAIO’s office', repaired: true });
    assert.deepEqual(repairText('a\u0000b\u001bc\r\nd '), { text: 'abc\nd', repaired: true });
    assert.deepEqual(repairText('\u1100\u1161'), { text: '가', repaired: false });
    assert.deepEqual(repairText('  plain  '), { text: 'plain', repaired: false });
  });

  test('CSV: quotes, doubled quotes, line breaks in cells, CRLF, text after a closing quote', () => {
    const rows = parseCsv('a,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n1,"2"3,\n');
    assert.deepEqual(rows.map((r) => r.cells), [['a', 'b', 'c'], ['x, y', 'say "hi"', 'line1\nline2'], ['1', '23', '']]);
    assert.deepEqual(rows.map((r) => r.line), [1, 2, 4]);
  });

  test('encodings: BOM, UTF-16 without BOM, CP949, Windows-1252', () => {
    assert.equal(decodeText(Buffer.from('\ufeffa,b', 'utf8')).encoding, 'utf-8-bom');
    assert.deepEqual(decodeText(Buffer.from('name,x\n', 'utf16le')).text, 'name,x\n');
    const cp949 = Buffer.from([0xbc, 0xad, 0xba, 0xf1, 0xbd, 0xba, 0x2c, 0x94, 0xee]); // 서비스,뷁
    assert.deepEqual([decodeText(cp949).text, decodeText(cp949).encoding], ['서비스,뷁', 'cp949']);
    const latin = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x6f, 0x6b]); // Café – ok
    assert.deepEqual([decodeText(latin).text, decodeText(latin).encoding], ['Café – ok', 'windows-1252']);
  });

  test('an empty or half-filled draft exports without throwing, in every format', () => {
    for (const id of FORMAT_IDS) {
      const m = FORMATS[id].mapping;
      if (!m) continue;
      for (const d of [{}, { name: { ko: '이름만' } }, { aiAct: { domain: 'bogus' }, outcomes: 'x', data: { datasets: [null] } }]) {
        assert.doesNotThrow(() => exportFields(m, d, {}, id), `${id} ${JSON.stringify(d)}`);
      }
    }
  });
});
