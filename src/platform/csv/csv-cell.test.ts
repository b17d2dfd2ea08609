import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell } from './csv-cell.ts';

test('csvCell quotes only what needs it and neutralises formulas', () => {
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(undefined), '');
  assert.equal(csvCell(''), '');
  assert.equal(csvCell('고독사 예방'), '고독사 예방');
  assert.equal(csvCell(42), '42');
  assert.equal(csvCell(false), 'false');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
  for (const f of ['=1+1', '+82', '-5', '@SUM(A1)', '\tx', '\rx']) assert.equal(csvCell(f), `"'${f}"`, JSON.stringify(f));
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
});
