import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/database.ts';
import { FORMAT_IDS, type FormatId } from './formats.ts';
import { importFile, type ImportMode } from './standards.service.ts';
import { csvLine } from './text.ts';

let database: Database;
let bodies: string[];
let nextBody = 0;
const aBody = () => bodies[nextBody++ % bodies.length];

before(async () => {
  database = await testDatabase({ demo: false });
  bodies = (await database.db.selectFrom('bodies').select('code').orderBy('id').execute()).map((b) => b.code);
});
after(async () => { await database.close(); });

const run = (bytes: Uint8Array | string, format: FormatId, mode: ImportMode = 'all-or-nothing', body = aBody()) =>
  importFile(database.db, typeof bytes === 'string' ? Buffer.from(bytes) : bytes, { format, bodyCode: body, mode, actor: { id: null, label: 'test' }, auditAction: 'import.test' });
const draft = async (id: number | undefined) => (await database.db.selectFrom('drafts').where('id', '=', id!).select('disclosure').executeTakeFirstOrThrow()).disclosure as any;

/** A deterministic byte soup (no crypto randomness in tests). */
function garbage(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; b[i] = x >> 16; }
  return b;
}

const US = 'Agency,Use Case ID,Use Case Name,Stage of Development,What problem is the AI intended to solve?\n';

describe('hostile input never crashes and gives a clear report', () => {
  const inputs: [string, Buffer][] = [
    ['empty file', Buffer.alloc(0)],
    ['whitespace only', Buffer.from(' \r\n\t\n')],
    ['binary garbage', garbage(4096)],
    ['a PNG image', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), garbage(2000, 3)])],
    ['a zip file', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), garbage(500, 5)])],
    ['an old xls file', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), garbage(500, 9)])],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')],
    ['control characters', Buffer.from('\u0001\u0002\u0003\u0004\u0005\u0006'.repeat(50))],
    ['a header row only', Buffer.from(US)],
    ['an unterminated quote', Buffer.from(US + 'A,1,"Name that never ends\n,x,y\n')],
    ['broken JSON', Buffer.from('{"items": [{"name": "x"')],
    ['JSON with nothing in it', Buffer.from('[]')],
    ['a JSON string', Buffer.from('"just text"')],
    ['unrelated CSV', Buffer.from('foo,bar,baz\n1,2,3\n')],
    ['one line without line end', Buffer.from('name')],
  ];
  for (const id of FORMAT_IDS) {
    test(id, async () => {
      for (const [what, bytes] of inputs) {
        const r = await run(bytes, id);
        assert.equal(r.saved, false, `${id}, ${what}`);
        assert.ok(['file-problem', 'refused'].includes(r.outcome), `${id}, ${what}: ${r.outcome}`);
        assert.match(r.message, /[가-힣]/, `${id}, ${what}`);
        assert.ok(r.messageEn.length > 10);
        if (r.outcome === 'file-problem') assert.ok(r.fileProblems[0].code && r.fileProblems[0].messageEn, `${id}, ${what}`);
      }
    });
  }

  test('the file problems are the ones a person can act on', async () => {
    const code = async (bytes: Buffer | string, f: FormatId = 'us-2025') => (await run(bytes, f)).fileProblems[0]?.code;
    assert.equal(await code(Buffer.alloc(0)), 'EMPTY_FILE');
    assert.equal(await code(garbage(4096)), 'NOT_TEXT');
    assert.equal(await code(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), 'NOT_TEXT');
    assert.equal(await code(US), 'NO_RECORDS');
    assert.equal(await code(US + 'A,1,"unterminated\n'), 'UNTERMINATED_QUOTE');
    assert.equal(await code('foo,bar\n1,2\n'), 'NO_KNOWN_COLUMNS');
    assert.equal(await code('Agency,Use Case ID\nA,1\n'), 'NAME_COLUMN_MISSING');
    assert.equal(await code('{"items": [', 'nl'), 'INVALID_JSON');
    assert.equal(await code('a,b\n1,2\n', 'xlsx'), 'NOT_XLSX');
    assert.equal(await code(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), garbage(300)]), 'xlsx'), 'BROKEN_FILE');
  });
});

describe('files the importer has not seen', () => {
  test('Windows-1252 text is read, and the guess is reported', async () => {
    const bytes = iconv.encode(US + 'Agency A,A-1,Café – “smart” triage,Deployed,It’s slow\n', 'win1252');
    const r = await run(bytes, 'us-2025');
    assert.equal(r.outcome, 'imported');
    assert.equal(r.encoding, 'windows-1252');
    assert.equal(r.fileWarnings[0].code, 'ENCODING_GUESSED');
    const d = await draft(r.imported[0].draftId);
    assert.equal(d.name.en, 'Café – “smart” triage');
    assert.equal(d.purpose.en, 'It’s slow');
  });

  test('UTF-16 with BOM, and CP949 from Korean Excel', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(US + 'B,B-1,Ünïcode name,Pilot,x\n', 'utf16le')]);
    const r1 = await run(utf16, 'us-2025');
    assert.equal(r1.encoding, 'utf-16le');
    assert.equal((await draft(r1.imported[0].draftId)).name.en, 'Ünïcode name');
    const korean = iconv.encode('name_ko,status,field\n똠방각하 뷁 서비스,operating,welfare\n', 'cp949');
    const r2 = await run(korean, 'csv');
    assert.equal(r2.outcome, 'imported', JSON.stringify(r2.fileProblems));
    assert.equal(r2.encoding, 'cp949');
    assert.equal((await draft(r2.imported[0].draftId)).name.ko, '똠방각하 뷁 서비스');
  });

  test('stray control characters: repaired in the draft, kept as they were in the source record', async () => {
    const r = await run(US + 'C,C-1,Risk\u0000 model \u0096 v2\u001b,Deployed,"Line one\u0092s\r\nline two"\n', 'us-2025');
    assert.equal(r.outcome, 'imported');
    const w = r.imported[0].warnings.find((x) => x.code === 'CONTROL_CHARACTERS_REPAIRED');
    assert.ok(w);
    assert.equal(w.value, 'use_case_name,problem');
    const d = await draft(r.imported[0].draftId);
    assert.equal(d.name.en, 'Risk model – v2');
    assert.equal(d.purpose.en, 'Line one’s\nline two');
    // PostgreSQL cannot store U+0000: it is the one character the source record loses (with a warning).
    assert.ok(r.imported[0].warnings.some((x) => x.code === 'NOT_STORABLE_REMOVED'));
    assert.equal(d.source.record.use_case_name, 'Risk model \u0096 v2\u001b');
    assert.equal(d.source.record.problem, 'Line one\u0092s\r\nline two');
  });

  test('extra, missing and reordered columns; rows longer or shorter than the header', async () => {
    const csv = 'Internal note,Use Case Name,  use case id ,Agency,Budget (USD)\n'
      + 'keep me,Scanner,S-1,Agency S,1000\n'
      + 'n2,Reader,S-2,Agency S,2000,surplus cell\n'
      + 'n3,Short\n';
    const r = await run(csv, 'us-2025');
    assert.equal(r.outcome, 'imported');
    assert.deepEqual(r.fileWarnings.map((w) => w.code), ['MISSING_COLUMNS', 'EXTRA_COLUMNS']);
    assert.equal(r.fileWarnings[1].value, 'Internal note,Budget (USD)');
    assert.ok(r.imported[1].warnings.some((w) => w.code === 'EXTRA_CELLS'));
    assert.ok(r.imported[2].warnings.some((w) => w.code === 'SHORT_ROW'));
    const d0 = await draft(r.imported[0].draftId);
    assert.equal(d0.name.en, 'Scanner');
    assert.equal(d0.source.record.use_case_id, 'S-1');
    assert.deepEqual(d0.source.extra, { 'Internal note': 'keep me', 'Budget (USD)': '1000' });
    const d1 = await draft(r.imported[1].draftId);
    assert.equal(d1.source.extra.column_6, 'surplus cell');
  });

  test('repeated headers (US 2024 "If Other, please explain.") are matched in order', async () => {
    const header = csvLine(['Use Case Name', 'Do you have access to an enterprise data catalog or agency-wide data repository that enables you to identify whether or not the necessary datasets exist and are ready to develop your use case?',
      'If Other, please explain.', 'Which, if any, demographic variables does the AI use case explicitly use as model features?', 'If Other, please explain.']);
    const r = await run(header + csvLine(['X', 'Other', 'catalog note', 'Other', 'features note']), 'us-2024');
    assert.equal(r.outcome, 'imported', JSON.stringify(r.fileProblems));
    const d = await draft(r.imported[0].draftId);
    assert.equal(d.source.record.data_catalog_other, 'catalog note');
    assert.equal(d.source.record.demo_features_other, 'features note');
  });

  test('cells over several lines: row and line numbers in the report', async () => {
    const r = await run(US + 'D,D-1,"Multi\nline\nname",Deployed,x\nD,D-2,,Pilot,y\n', 'us-2025');
    assert.equal(r.outcome, 'refused');
    assert.deepEqual([r.imported[0].row, r.imported[0].line], [2, undefined]);
    assert.deepEqual([r.rejected[0].row, r.rejected[0].line], [3, 5]);
  });

  test('JSON that PostgreSQL cannot store (NUL, lone surrogates) is saved with a warning, never an error', async () => {
    const r = await run('[{"name": "A\\u0000B \\ud800 C", "description_short": "x"}]', 'nl');
    assert.equal(r.outcome, 'imported');
    assert.equal((await draft(r.imported[0].draftId)).name.en, 'AB \ufffd C');
    const gg = await run('[{"name": {"ko": "가\\u0000나", "en": "\\udc00"}}]', 'gg');
    assert.equal(gg.outcome, 'imported');
    assert.ok(gg.imported[0].warnings.some((w) => w.code === 'NOT_STORABLE_REMOVED'));
    assert.equal((await draft(gg.imported[0].draftId)).name.ko, '가나');
  });

  test('a value longer than the schema allows is kept in full, with a warning', async () => {
    const long = 'N'.repeat(300);
    const r = await run(JSON.stringify([{ name: long, description_short: 'kort', status: 'In gebruik' }]), 'nl');
    assert.equal(r.outcome, 'imported');
    const w = r.imported[0].warnings.find((x) => x.code === 'TOO_LONG');
    assert.ok(w);
    assert.equal(w.gg, 'name.en');
    assert.equal((await draft(r.imported[0].draftId)).name.en.length, 300);
  });

  test('missing Gyeonggi items are warnings, not reasons to reject', async () => {
    const r = await run(US + 'E,E-1,Minimal,,\n', 'us-2025');
    assert.equal(r.outcome, 'imported');
    const w = r.imported[0].warnings.find((x) => x.code === 'GG_MISSING')!;
    assert.match(w.value!, /name\.ko/);
    assert.match(w.value!, /personalInfo/);
  });
});

describe('the import rule', () => {
  const file = US + 'F,F-1,One,Deployed,a\nF,F-2,,Deployed,b\nF,F-3,Three,Retired,c\nF,F-3,Three,Retired,c\nF,F-1,One again,Pilot,d\n';

  test('all or nothing: any unreadable row and nothing is saved; the report still lists every row', async () => {
    const body = aBody();
    const r = await run(file, 'us-2025', 'all-or-nothing', body);
    assert.equal(r.outcome, 'refused');
    assert.equal(r.saved, false);
    assert.deepEqual(r.imported.map((x) => [x.row, x.draftId]), [[2, undefined], [4, undefined], [6, undefined]]);
    assert.deepEqual(r.rejected.map((x) => [x.row, x.reasons[0].code]), [[3, 'NAME_MISSING'], [5, 'DUPLICATE_ROW']]);
    assert.equal(r.counts.records, r.imported.length + r.rejected.length);
    assert.ok(r.imported.find((x) => x.row === 6)!.warnings.some((w) => w.code === 'DUPLICATE_KEY'));
    const n = await database.db.selectFrom('drafts').innerJoin('bodies', 'bodies.id', 'drafts.body_id').where('bodies.code', '=', body).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
  });

  test('--accept-valid saves the readable rows; --dry-run saves nothing; a second import of the same rows is refused row by row', async () => {
    const body = aBody();
    const dry = await run(file, 'us-2025', 'dry-run', body);
    assert.equal(dry.outcome, 'dry-run');
    assert.equal(dry.saved, false);
    const r = await run(file, 'us-2025', 'accept-valid', body);
    assert.equal(r.outcome, 'partial');
    assert.equal(r.counts.imported, 3);
    assert.ok(r.imported.every((x) => Number.isInteger(x.draftId)));
    const again = await run(file, 'us-2025', 'accept-valid', body);
    assert.equal(again.outcome, 'refused');
    assert.deepEqual(again.rejected.map((x) => x.reasons[0].code).sort(), ['ALREADY_IMPORTED', 'ALREADY_IMPORTED', 'ALREADY_IMPORTED', 'DUPLICATE_ROW', 'NAME_MISSING']);
  });

  test('JSON items that are not records are rejected by item number', async () => {
    const r = await run(JSON.stringify({ items: [{ name: 'Goed' }, 'tekst', null, [1, 2], { name: '' }] }), 'nl', 'accept-valid');
    assert.equal(r.outcome, 'partial');
    assert.deepEqual(r.rejected.map((x) => [x.row, x.reasons[0].code]), [[2, 'NOT_A_RECORD'], [3, 'NOT_A_RECORD'], [4, 'NOT_A_RECORD'], [5, 'NAME_MISSING']]);
  });
});
