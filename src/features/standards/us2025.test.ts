/**
 * The real US federal AI use case inventory 2025: a slice of 23 messy rows (test/fixtures) and, when
 * the shared data folder is there, the whole file of 3,408 rows.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/database.ts';
import { exportDrafts, importFile, type ImportReport } from './standards.service.ts';
import { decodeText, parseCsv, unguardCell } from './text.ts';

const root = path.join(import.meta.dirname, '../../..');
const SAMPLE = path.join(root, 'test/fixtures/us-2025-sample.csv');
const FULL = path.resolve(root, '../shared/data/us-federal-ai-use-case-inventory-2025.csv');

let database: Database;
before(async () => { database = await testDatabase({ demo: false }); });
after(async () => { await database.close(); });

const importUs = (bytes: Buffer, body: string, fileName: string) =>
  importFile(database.db, bytes, { format: 'us-2025', bodyCode: body, mode: 'accept-valid', fileName, actor: { id: null, label: 'test' }, auditAction: 'import.test' });

async function exported(body: string): Promise<string> {
  let text = '';
  for await (const c of (await exportDrafts(database.db, body, 'us-2025'))!) text += c;
  return text;
}

/** The file's cell values (formula guards removed, as the importer reads them). */
const cells = (text: string) => parseCsv(decodeText(Buffer.from(text)).text).map((r) => r.cells.map(unguardCell));

const sources = async (body: string) => (await database.db.selectFrom('drafts').innerJoin('bodies', 'bodies.id', 'drafts.body_id')
  .where('bodies.code', '=', body).select('drafts.disclosure').orderBy('drafts.id').execute()).map((r) => (r.disclosure as any).source.record);

function accountFor(report: ImportReport, rows: number) {
  assert.equal(report.counts.records, rows);
  assert.equal(report.imported.length + report.rejected.length, rows, 'every row is a draft or listed with its reason');
  const seen = new Set([...report.imported.map((r) => r.row), ...report.rejected.map((r) => r.row)]);
  assert.equal(seen.size, rows, 'no row is counted twice or left out');
}

/** Round trip: the export of the drafts holds, row by row, the values of the imported rows of the file. */
function assertRoundTrip(original: string[][], report: ImportReport, again: string[][]) {
  assert.deepEqual(again[0], original[0], 'same header');
  const byRow = new Map(original.map((r, i) => [i + 1, r]));
  const rows = report.imported.map((r) => byRow.get(r.row)!);
  assert.equal(again.length - 1, rows.length);
  rows.forEach((r, i) => assert.deepEqual(again[i + 1], r, `row ${report.imported[i].row}`));
}

describe('US inventory 2025, a slice of real messy rows', () => {
  test('every row accounted for; messy values read; import → export keeps every field', async () => {
    const bytes = fs.readFileSync(SAMPLE);
    const report = await importUs(bytes, 'GG-AI', 'us-2025-sample.csv');
    accountFor(report, 23);
    assert.equal(report.outcome, 'partial');
    assert.deepEqual(report.rejected.map((r) => [r.row, r.reasons[0].code]), [[17, 'NAME_MISSING'], [24, 'DUPLICATE_ROW']]);
    assert.equal(report.imported.length, 21);
    // Messy values: dashes from C1 controls, "Jul-25", TRUE/FALSE, "a) " prefixes, the same ID twice.
    const drafts = await database.db.selectFrom('drafts').innerJoin('bodies', 'bodies.id', 'drafts.body_id').where('bodies.code', '=', 'GG-AI').select('drafts.disclosure').orderBy('drafts.id').execute();
    const ds = drafts.map((r) => r.disclosure as any);
    for (const d of ds) assert.doesNotMatch(JSON.stringify({ ...d, source: undefined }), /[\u0080-\u009f]/, 'no C1 controls in the drafts');
    assert.ok(ds.some((d) => JSON.stringify(d.source.record).match(/[\u0080-\u009f]/)), 'the source records keep them');
    assert.ok(ds.some((d) => d.source.record.operational_date === 'Jul-25' && d.startDate === '2025-07-01'), 'Jul-25');
    assert.ok(ds.some((d) => d.source.record.pii === 'FALSE' && d.personalInfo.processesPersonal === false), 'FALSE');
    assert.ok(ds.filter((d) => typeof d.personalInfo?.processesPersonal === 'boolean').length >= 5, 'yes/no answers');
    assert.ok(report.imported.some((r) => r.warnings.some((w) => w.code === 'DUPLICATE_KEY')), 'DOJ-0160 twice: both imported, warned');
    assert.ok(report.imported.some((r) => r.warnings.some((w) => w.code === 'CONTROL_CHARACTERS_REPAIRED')), 'repairs reported');
    // Round trip.
    const original = cells(bytes.toString('utf8'));
    const text = await exported('GG-AI');
    assertRoundTrip(original, report, cells(text));
    // The export re-imports to the same source records.
    const again = await importUs(Buffer.from(text), 'GG-HEALTH', 'again.csv');
    assert.equal(again.outcome, 'imported');
    assert.deepEqual(await sources('GG-HEALTH'), await sources('GG-AI'));
  });
});

describe('US inventory 2025, the whole real file', { skip: !fs.existsSync(FULL) && `not found: ${FULL}` }, () => {
  test('all 3,408 rows: drafts + rejected = 3,408; import → export keeps every field', async () => {
    const bytes = fs.readFileSync(FULL);
    const t0 = Date.now();
    const report = await importUs(bytes, 'GG-SAFETY', path.basename(FULL));
    const importMs = Date.now() - t0;
    accountFor(report, 3408);
    assert.equal(report.counts.imported + report.rejected.length, 3408);
    assert.deepEqual(report.rejected.map((r) => r.reasons[0].code).sort(), ['DUPLICATE_ROW', 'DUPLICATE_ROW', 'NAME_MISSING']);
    const n = await database.db.selectFrom('drafts').innerJoin('bodies', 'bodies.id', 'drafts.body_id').where('bodies.code', '=', 'GG-SAFETY')
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), report.counts.imported);
    const t1 = Date.now();
    const text = await exported('GG-SAFETY');
    const exportMs = Date.now() - t1;
    assertRoundTrip(cells(bytes.toString('utf8')), report, cells(text));
    console.error(`us-2025 full file: import ${importMs} ms, export ${exportMs} ms (${report.counts.imported} drafts, ${report.rejected.length} rejected)`);
  });
});
