import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testDatabase } from '../../../test/support/db.ts';
import { buildApp } from '../../app.tsx';
import type { Database } from '../../platform/db/database.ts';
import { findPublishedService } from '../services/services.repository.ts';
import { FOREIGN_FORMATS, FORMAT_IDS, FORMATS, readRecords, type FormatId } from './formats.ts';
import { CONVERTERS, getPath } from './mapping.ts';
import { runExport, runImport } from './standards.cli.ts';
import { exportDrafts, exportService, importFile } from './standards.service.ts';
import { parseCsv } from './text.ts';

let database: Database;
let app: FastifyInstance;
let bodies: string[];
let nextBody = 0;
/** A body of its own for each import, so that imports do not see each other's drafts. */
const aBody = () => bodies[nextBody++ % bodies.length];

before(async () => {
  database = await testDatabase({ demo: true });
  app = await buildApp({ db: database.db });
  bodies = (await database.db.selectFrom('bodies').select('code').orderBy('id').execute()).map((b) => b.code);
});
after(async () => { await app.close(); await database.close(); });

const ID = 'GG-2025-0001';
const asText = (b: Buffer | string) => (typeof b === 'string' ? b : b.toString('utf8'));
const json = async (id: FormatId) => JSON.parse(asText((await exportService(database.db, ID, id))!));
const csvRow = async (id: FormatId) => {
  const [header, row] = parseCsv(asText((await exportService(database.db, ID, id))!).replace(/^\ufeff/, '')).map((r) => r.cells);
  return Object.fromEntries(header.map((h, i) => [h, row[i]]));
};
const importBytes = (bytes: Uint8Array | string, format: FormatId, body: string, mode: 'all-or-nothing' | 'accept-valid' | 'dry-run' = 'all-or-nothing') =>
  importFile(database.db, typeof bytes === 'string' ? Buffer.from(bytes) : bytes, { format, bodyCode: body, mode, fileName: `test.${format}`, actor: { id: null, label: 'test' }, auditAction: 'import.test' });
const draftOf = async (id: number) => (await database.db.selectFrom('drafts').where('id', '=', id).select(['disclosure', 'body_id', 'created_by', 'state']).executeTakeFirstOrThrow());

describe('export of the real demo service GG-2025-0001 (AI 기반 고독사 예방 및 대응 서비스)', () => {
  test('Algoritmeregister (nl)', async () => {
    const r = await json('nl');
    assert.equal(r.name, 'AI-based lonely-death prevention and response');
    assert.match(r.description_short, /^Predicts the risk of lonely deaths/);
    assert.equal(r.organization, 'Gyeonggi Welfare Bureau');
    assert.deepEqual(r.category, ['Sociale zekerheid']);
    assert.equal(r.status, 'In gebruik');
    assert.equal(r.begin_date, '2023-01');
    assert.equal(r.publication_category, 'Overige algoritmes');
    assert.equal(r.human_intervention, 'Monitoring staff review each risk signal and decide on dispatch.');
    assert.equal(r.source_id, ID);
    assert.equal(r.url, `/services/${ID}`);
    assert.equal(r.standard_version, '1.0');
    assert.equal(r.website, undefined); // lost: not written
  });

  test('ATRS (uk)', async () => {
    const r = await json('uk');
    assert.equal(r.tier_1_information.name, 'AI-based lonely-death prevention and response');
    assert.match(r.tier_1_information.description, /AI calls/);
    const t2 = r.tier_2_information;
    assert.equal(t2.owner_and_responsibility.organisation, 'Gyeonggi Welfare Bureau');
    assert.equal(t2.owner_and_responsibility.external_supplier_involvement, 'No');
    assert.equal(t2.tool_specification.phase, 'Production');
    assert.equal(t2.model_specification.model_task, 'Prediction; Speech');
    assert.equal(t2.decision_making_process.human_decisions_and_review, 'Monitoring staff review each risk signal and decide on dispatch.');
    assert.match(t2.decision_making_process.frequency_and_scale_of_usage, /People covered \(명\): 2023-12-31 500, 2024-12-31 929, 2025-09-30 1304/);
    assert.match(t2.data_specification.sensitive_attributes, /^Processes personal information\./);
  });

  test('EU Annex VIII (eu)', async () => {
    const r = await json('eu');
    assert.equal(r.section_a.trade_name, 'AI-based lonely-death prevention and response');
    assert.equal(r.section_a.reference, ID);
    assert.equal(r.section_a.status, 'in service');
    assert.equal(r.section_a.intended_purpose, 'To prevent lonely deaths among people living alone and to respond quickly in a crisis.');
    assert.equal(r.section_c.deployer, 'Gyeonggi Welfare Bureau');
    assert.match(r.section_b.not_high_risk_grounds, /A person takes the final decision/);
  });

  test('US inventory 2025 (us-2025)', async () => {
    const r = await csvRow('us-2025');
    assert.equal(Object.keys(r).length, 35);
    assert.equal(r['Agency'], 'Gyeonggi Welfare Bureau');
    assert.equal(r['Use Case ID'], ID);
    assert.equal(r['Use Case Name'], 'AI-based lonely-death prevention and response');
    assert.equal(r['Stage of Development'], 'Deployed');
    assert.equal(r['Is the AI use case high-impact?'], 'Not high-impact');
    assert.equal(r['Use Case Topic Area'], 'Government Benefits Processing');
    assert.equal(r['AI Classification'], 'Classical/Predictive Machine Learning; Natural Language Processing (NLP)');
    assert.equal(r["Date when AI use case became operational or the pilot's start date"], '2023-01-01');
    assert.equal(r['Does this AI use case involve personally identifiable information (PII) that is maintained by the agency?'], 'Yes');
    assert.equal(r['Was the system involved in this use case purchased from a vendor or developed under contract(s) or in-house?'], 'Developed in-house');
    assert.equal(r['Has an AI impact assessment been completed for this AI use case?'], ''); // lost
  });

  test('US inventory 2024 (us-2024)', async () => {
    const r = await csvRow('us-2024');
    assert.equal(r['Use Case Name'], 'AI-based lonely-death prevention and response');
    assert.equal(r['Stage of Development'], 'Operation and Maintenance');
    assert.equal(r['Is the AI use case rights-impacting, safety-impacting, both, or neither?'], 'Neither');
    assert.equal(r['Use Case Topic Area'], 'Government Services (includes Benefits and Service Delivery)');
    assert.equal(r['Date Implemented'], '2023-01-01');
    assert.equal(r['Has the Senior Agency Official for Privacy (SAOP) assessed the privacy risks associated with this AI use case?'], 'No');
    assert.equal(r['For this particular use case, can the AI carry out a decision or action without direct human involvement that could result in a significant impact on rights or safety?'], 'No');
  });

  test('the registry\'s own formats (gg JSON, CSV, xlsx)', async () => {
    const gg = await json('gg');
    assert.equal(gg.id, ID);
    assert.equal(gg.disclosure.name.ko, '인공지능 기반 고독사 예방 및 대응 서비스');
    const csv = await csvRow('csv');
    assert.equal(csv.public_id, ID);
    assert.equal(csv.name_ko, '인공지능 기반 고독사 예방 및 대응 서비스');
    const xlsx = await exportService(database.db, ID, 'xlsx');
    assert.ok(Buffer.isBuffer(xlsx) && xlsx[0] === 0x50 && xlsx[1] === 0x4b);
  });
});

describe('import of each format\'s export re-creates an equivalent draft', () => {
  for (const id of FORMAT_IDS) {
    test(id, async () => {
      const original = (await findPublishedService(database.db, ID))!.disclosure as any;
      const bytes = await exportService(database.db, ID, id);
      const body = aBody();
      const report = await importBytes(typeof bytes === 'string' ? Buffer.from(bytes) : bytes!, id, body);
      assert.equal(report.outcome, 'imported', JSON.stringify(report.fileProblems.concat(report.rejected.flatMap((r) => r.reasons))));
      assert.equal(report.counts.imported, 1);
      const draft = await draftOf(report.imported[0].draftId!);
      assert.equal(draft.state, 'draft');
      assert.equal(draft.created_by, null); // made by the system
      const d = draft.disclosure as any;
      const m = FORMATS[id].mapping;
      if (!m) {
        const { schemaVersion: _s, ...content } = original;
        const { source: _src, ...got } = d;
        assert.deepEqual(got, content);
        return;
      }
      assert.equal(d.source.format, id);
      // Every exact field carries the same value back.
      for (const f of m.fields.filter((x) => x.fidelity === 'exact' && x.gg && !x.gg.startsWith('@') && CONVERTERS[x.convert ?? 'text'].in)) {
        const want = f.convert === 'en' ? getPath(original, f.gg!) ?? getPath(original, f.gg!.replace(/\.en$/, '.ko')) : getPath(original, f.gg!);
        assert.deepEqual(getPath(d, f.gg!), want, `${id}.${f.field} → ${f.gg}`);
      }
      if (id === 'nl' || id === 'us-2025' || id === 'us-2024') assert.equal(d.field, 'welfare');
      if (id !== 'eu') assert.equal(d.status, 'operating');
      if (id === 'nl' || id === 'us-2025' || id === 'us-2024') assert.equal(d.startDate, '2023-01-01');
      // Exporting the draft again in the same standard gives the same record.
      if (FOREIGN_FORMATS.includes(id)) {
        const again = await exportDrafts(database.db, body, id);
        let text = '';
        for await (const c of again!) text += c;
        if (FORMATS[id].fileType === 'json') assert.deepEqual(JSON.parse(text).items[0], JSON.parse(asText(bytes!)));
        else assert.equal(text, asText(bytes!));
      }
    });
  }
});

describe('open-data routes', () => {
  test('registry files per format and one service per format', async () => {
    for (const id of FOREIGN_FORMATS) {
      const f = FORMATS[id];
      const all = await app.inject(`/api/v1/export.${id}.${f.extension}`);
      assert.equal(all.statusCode, 200, id);
      assert.match(String(all.headers['content-type']), f.fileType === 'csv' ? /^text\/csv/ : /^application\/json/);
      assert.match(String(all.headers['content-disposition']), new RegExp(`gg-ai-registry-${id}-`));
      const read = await readRecords(f, Buffer.from(all.body));
      assert.equal(read.records.length, 26, `${id}: every published service`);
      const one = await app.inject(`/api/v1/services/${ID}/export.${id}.${f.extension}`);
      assert.equal(one.statusCode, 200);
      assert.ok(one.headers.etag);
      assert.equal((await app.inject(`/api/v1/services/GG-2099-9999/export.${id}.${f.extension}`)).statusCode, 404);
      assert.equal((await app.inject(`/api/v1/services/nonsense/export.${id}.${f.extension}`)).statusCode, 404);
    }
  });

  test('the OpenAPI document lists them', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json();
    for (const id of FOREIGN_FORMATS) {
      assert.ok(doc.paths[`/api/v1/export.${id}.${FORMATS[id].extension}`], id);
      assert.ok(doc.paths[`/api/v1/services/{id}/export.${id}.${FORMATS[id].extension}`], id);
    }
  });
});

describe('command line', () => {
  test('import: exit status, report file and audit event; export of drafts and of one service', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standards-cli-'));
    try {
      const file = path.join(dir, 'in.csv');
      const reportFile = path.join(dir, 'report.json');
      const header = 'Agency,Use Case ID,Use Case Name,Stage of Development\n';
      fs.writeFileSync(file, header + 'X,X-1,First,Deployed\nX,X-2,,Pilot\nX,X-3,Third,Retired\n');
      const body = aBody();
      const quiet = console.error;
      console.error = () => {};
      let status: number;
      try {
        status = await runImport(database.db, ['--format', 'us-2025', '--body', body, '--report', reportFile, file]);
        assert.equal(status, 1, 'all or nothing: a row without a name refuses the file');
        let report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
        assert.equal(report.outcome, 'refused');
        assert.deepEqual([report.counts.records, report.counts.imported, report.rejected.length], [3, 0, 1]);
        assert.equal(report.rejected[0].row, 3);
        assert.equal(report.rejected[0].reasons[0].code, 'NAME_MISSING');
        status = await runImport(database.db, ['--format', 'us-2025', '--body', body, '--accept-valid', '--report', reportFile, file]);
        assert.equal(status, 3);
        report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
        assert.equal(report.outcome, 'partial');
        assert.deepEqual(report.imported.map((r: any) => r.row), [2, 4]);
        assert.ok(report.imported.every((r: any) => Number.isInteger(r.draftId)));
        const events = await database.db.selectFrom('audit_log').where('action', '=', 'import.cli').selectAll().orderBy('id').execute();
        assert.equal(events.length, 2);
        const details = (typeof events[1].details === 'string' ? JSON.parse(events[1].details) : events[1].details) as any;
        assert.deepEqual([details.records, details.imported, details.rejected, details.outcome], [3, 2, 1, 'partial']);
        assert.equal(events[1].actor_id, null);
        assert.equal(events[1].actor_label, 'cli');
        assert.equal(await runImport(database.db, ['--format', 'nope', '--body', body, file]), 2);
        assert.equal(await runImport(database.db, ['--format', 'us-2025', '--body', 'NO-SUCH-BODY', file]), 2);
        assert.equal(await runImport(database.db, ['--format', 'us-2025', '--body', body]), 2);
        const out = path.join(dir, 'drafts.csv');
        assert.equal(await runExport(database.db, ['--format', 'us-2025', '--drafts', '--body', body, '--out', out]), 0);
        const [head, ...rows] = parseCsv(fs.readFileSync(out, 'utf8').replace(/^\ufeff/, '')).map((r) => r.cells);
        const pick = (r: string[]) => ['Agency', 'Use Case ID', 'Use Case Name', 'Stage of Development'].map((h) => r[head.indexOf(h)]);
        assert.deepEqual(rows.map(pick), [['X', 'X-1', 'First', 'Deployed'], ['X', 'X-3', 'Third', 'Retired']]);
        const one = path.join(dir, 'one.json');
        assert.equal(await runExport(database.db, ['--format', 'eu', '--service', ID, '--out', one]), 0);
        assert.equal(JSON.parse(fs.readFileSync(one, 'utf8')).section_a.reference, ID);
        assert.equal(await runExport(database.db, ['--format', 'eu', '--service', 'GG-2099-9999', '--out', one]), 1);
      } finally {
        console.error = quiet;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
