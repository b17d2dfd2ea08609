/**
 * Files of other registers' standards through the officer's import page and POST /api/v1/imports:
 * the standards importer's reading and checks, the page's all-or-nothing rule, the officer's own body.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { anAccount, cookieHeader, signIn } from '../../../test/support/accounts.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { buildApp } from '../../app.tsx';
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../accounts/actor.ts';
import { createApiToken } from '../accounts/accounts.service.ts';
import { findBodyByCode } from '../bodies/bodies.repository.ts';
import { parseCsv } from '../standards/text.ts';

const US_2025 = fs.readFileSync(new URL('../../../test/fixtures/us-2025-sample.csv', import.meta.url));

/** The header and rows 2–12 of the real US 2025 sample, cut at a record boundary (cells span lines). */
function usSlice(): Buffer {
  const text = US_2025.toString('utf8');
  const records = parseCsv(text.replace(/^\ufeff/, ''));
  const cut = records[12].line; // physical line where row 13 starts
  return Buffer.from(text.split('\n').slice(0, cut - 1).join('\n') + '\n');
}

const NL_FILE = Buffer.from(JSON.stringify({
  items: [
    {
      name: 'Parkeerhandhaving met scanauto', description_short: 'Scanauto’s lezen kentekens en vergelijken ze met parkeerrechten.',
      organization: 'Gemeente Utrecht', category: ['Verkeer'], status: 'In gebruik', begin_date: '2021-03',
      goal: 'Efficiënter handhaven op betaald parkeren.', human_intervention: 'Een handhaver controleert elke mogelijke overtreding.',
      source_id: 'UTR-0001', website: 'https://example.nl/scanauto',
    },
    {
      name: 'Chatbot voor belastingvragen', description_short: 'Beantwoordt veelgestelde vragen over gemeentelijke belastingen.',
      organization: 'Gemeente Utrecht', category: ['Overheidsfinanciën'], status: 'In ontwikkeling', source_id: 'UTR-0002',
      tags: 'chatbot; belasting',
    },
  ],
}, null, 2));

let database: Database;
let app: FastifyInstance;
type Session = Awaited<ReturnType<typeof signIn>>;
let suwon: Session; // officer of 41110
let seongnam: Session; // officer of 41130
let suwonId: number;
let suwonBodyId: number;
let suwonToken: string;
let seongnamToken: string;

async function tokenFor(account: { id: number; email: string }, code: string) {
  const body = (await findBodyByCode(database.db, code))!;
  const actor: Actor = { id: account.id, email: account.email, name: 'officer', role: 'officer', bodyId: body.id, bodyCode: code, bodyNameKo: body.nameKo, via: 'session' };
  return { token: await createApiToken(database.db, actor, 'foreign import test', null), bodyId: body.id };
}

before(async () => {
  database = await testDatabase({ demo: true });
  app = await buildApp({ db: database.db });
  const a = await anAccount(database.db, 'officer', '41110');
  const b = await anAccount(database.db, 'officer', '41130');
  [suwon, seongnam] = await Promise.all([signIn(app, a.email), signIn(app, b.email)]);
  suwonId = a.id;
  ({ token: suwonToken, bodyId: suwonBodyId } = await tokenFor(a, '41110'));
  ({ token: seongnamToken } = await tokenFor(b, '41130'));
});
after(async () => { await app.close(); await database.close(); });

const count = async () => Number((await sql<{ n: string }>`select count(*) as n from drafts`.execute(database.db)).rows[0].n);
const draftsFrom = async (file: string) => (await sql<{ id: number; body_id: number; created_by: number | null; state: string; disclosure: any }>`
  select id, body_id, created_by, state, disclosure from drafts where disclosure->'source'->>'file' = ${file} order by id`.execute(database.db)).rows;

function upload(session: Session, data: Buffer, name: string, format?: string) {
  const boundary = '----foreign' + randomBytes(8).toString('hex');
  const fields: Record<string, string> = { _csrf: session.csrf, ...(format === undefined ? {} : { format }) };
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return app.inject({ method: 'POST', url: '/office/import', headers: { accept: 'text/html', cookie: cookieHeader(session.jar), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
}

const confirmation = (html: string) => ({ upload: /name="upload" value="([^"]+)"/.exec(html)?.[1] ?? '', sha256: /name="sha256" value="([0-9a-f]{64})"/.exec(html)?.[1] ?? '' });
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const apiImport = (token: string, data: Buffer, type: string, query: string) =>
  app.inject({ method: 'POST', url: `/api/v1/imports?${query}`, headers: { authorization: `Bearer ${token}`, 'content-type': type }, payload: data });

describe('the import page reads other registers’ standards', () => {
  test('a US 2025 CSV slice: report of 11 rows, nothing saved until confirmed, then 11 drafts of the officer’s body with their source', async () => {
    const before = await count();
    const res = await upload(suwon, usSlice(), 'us-slice.csv', 'us-2025');
    assert.equal(res.statusCode, 200, text(res.body).slice(-2000));
    assert.match(res.body, /US federal/i); // the standard read
    assert.match(res.body, /초안 11건 저장/);
    assert.equal(await count(), before);
    const done = await suwon.post('/office/import/confirm', confirmation(res.body));
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/office?imported=11');
    const drafts = await draftsFrom('us-slice.csv');
    assert.equal(drafts.length, 11);
    for (const d of drafts) {
      assert.equal(d.body_id, suwonBodyId);
      assert.equal(d.created_by, suwonId); // the officer, not the system
      assert.equal(d.state, 'draft');
      assert.equal(d.disclosure.source.format, 'us-2025');
    }
    assert.equal(drafts[0].disclosure.name.en, 'Anomaly Detection for Data Quality'); // foreign names are English
    assert.deepEqual(drafts.map((d) => d.disclosure.source.row), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const events = await sql<{ actor_id: number; details: any }>`select actor_id, details from audit_log where action = 'import.commit' and body_id = ${suwonBodyId}`.execute(database.db);
    assert.equal(events.rows.length, 1);
    assert.equal(events.rows[0].actor_id, suwonId);
    // The same file again: every row is already imported, so nothing is offered.
    const again = await upload(suwon, usSlice(), 'us-slice.csv', 'us-2025');
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /이미 가져온 기록입니다/);
  });

  test('an NL JSON file becomes drafts of the officer’s own body, whatever organisation it names', async () => {
    const res = await upload(suwon, NL_FILE, 'utrecht.json', 'nl');
    assert.equal(res.statusCode, 200, text(res.body).slice(-2000));
    assert.match(res.body, /Algoritmeregister/);
    assert.match(res.body, /경고 \(저장에는 영향 없음\)/); // missing Gyeonggi items are warnings
    assert.equal((await suwon.post('/office/import/confirm', confirmation(res.body))).headers.location, '/office?imported=2');
    const drafts = await draftsFrom('utrecht.json');
    assert.deepEqual(drafts.map((d) => [d.body_id, d.disclosure.name.en, d.disclosure.source.format]), [[suwonBodyId, 'Parkeerhandhaving met scanauto', 'nl'], [suwonBodyId, 'Chatbot voor belastingvragen', 'nl']]);
    assert.equal(drafts[0].disclosure.field, 'transport');
    assert.equal(drafts[0].disclosure.source.record.website, 'https://example.nl/scanauto');
    // The dashboard lists them for the officer.
    const dash = await suwon.get('/office');
    assert.match(dash.body, /Parkeerhandhaving met scanauto/);
  });

  test('one unreadable row refuses the whole file: each bad row with its reason, nothing saved, no confirmation', async () => {
    const before = await count();
    const res = await upload(seongnam, US_2025, 'us-full.csv', 'us-2025'); // a body that has none of these rows yet
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /오류 2건: 아무것도 저장하지 않았습니다/);
    const body = text(res.body);
    assert.match(body, /17 +이름\(「Use Case Name」\)이 비어 있어/);
    assert.match(body, /24 [^0-9]*23행과 내용이 똑같은 중복 행입니다/);
    assert.doesNotMatch(res.body, /name="upload"/);
    assert.match(res.body, /<option value="us-2025" selected>/); // the form to upload again keeps the format
    assert.equal(await count(), before);
    assert.equal((await draftsFrom('us-full.csv')).length, 0);
  });

  test('another body’s officer can neither confirm the upload nor see its drafts', async () => {
    const before = await count();
    const file = Buffer.from(JSON.stringify([{ name: 'Alleen voor Suwon', description_short: 'x', source_id: 'SUWON-ONLY' }]));
    const res = await upload(suwon, file, 'suwon-only.json', 'nl');
    assert.equal(res.statusCode, 200);
    const c = confirmation(res.body);
    const stolen = await seongnam.post('/office/import/confirm', c);
    assert.equal(stolen.statusCode, 409);
    assert.doesNotMatch(stolen.body, /Alleen voor Suwon/);
    assert.equal(await count(), before);
    assert.equal((await suwon.post('/office/import/confirm', c)).statusCode, 303);
    const [draft] = await draftsFrom('suwon-only.json');
    assert.equal(draft.body_id, suwonBodyId);
    assert.equal((await seongnam.get(`/office/drafts/${draft.id}`)).statusCode, 404);
    assert.doesNotMatch((await seongnam.get('/office')).body, /Alleen voor Suwon/);
    const theirs = await app.inject({ url: '/api/v1/drafts', headers: { authorization: `Bearer ${seongnamToken}` } });
    assert.ok(!theirs.json().items.some((d: any) => d.id === draft.id));
  });

  test('an unknown format is refused before the file is read', async () => {
    const res = await upload(suwon, NL_FILE, 'x.json', 'xml');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /format은 xlsx, csv, nl, uk, eu, us-2024, us-2025 중 하나여야 합니다/);
  });
});

describe('POST /api/v1/imports with a format', () => {
  test('NL JSON with a token: dry run reports and saves nothing; dryRun=false saves drafts of the token’s body only', async () => {
    const before = await count();
    const file = Buffer.from(NL_FILE.toString().replace(/UTR-/g, 'API-'));
    const dry = await apiImport(suwonToken, file, 'application/json', 'format=nl');
    assert.equal(dry.statusCode, 200, dry.body);
    assert.equal(dry.json().saved, false);
    assert.equal(dry.json().report.ok, true);
    assert.equal(dry.json().report.format, 'nl');
    assert.equal(dry.json().report.newDrafts, 2);
    assert.equal(await count(), before);
    // A body in the query string changes nothing: the token's body is the only one.
    const saved = await apiImport(suwonToken, file, 'application/json; charset=utf-8', 'format=nl&dryRun=false&body=41130');
    assert.equal(saved.statusCode, 201, saved.body);
    const ids: number[] = saved.json().drafts;
    assert.equal(ids.length, 2);
    const rows = await sql<{ body_id: number; created_by: number }>`select body_id, created_by from drafts where id in (${sql.join(ids)})`.execute(database.db);
    assert.deepEqual(rows.rows.map((r) => [r.body_id, r.created_by]), [[suwonBodyId, suwonId], [suwonBodyId, suwonId]]);
    assert.equal(await count(), before + 2);
  });

  test('US 2025 CSV with a bad row: 400 with every rejected row, nothing saved', async () => {
    const before = await count();
    // Body 41130 (Suwon's drafts of rows 2–12 are not Seongnam's, so those rows are new here).
    const res = await apiImport(seongnamToken, US_2025, 'text/csv', 'format=us-2025&dryRun=false');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'IMPORT_INVALID');
    assert.equal(res.json().saved, false);
    assert.deepEqual(res.json().report.errors.map((e: any) => [e.row, e.code]), [[17, 'NAME_MISSING'], [24, 'DUPLICATE_ROW']]);
    assert.equal(await count(), before);
  });

  test('an unknown format: 400 naming the parameter', async () => {
    const res = await apiImport(suwonToken, NL_FILE, 'application/json', 'format=atom&dryRun=false');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'BAD_PARAMETER');
    assert.equal(res.json().error.problems[0].field, 'format');
  });

  test('the OpenAPI document describes the endpoint and its formats', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json();
    const post = doc.paths['/api/v1/imports']?.post;
    assert.ok(post, 'POST /api/v1/imports is documented');
    const format = post.parameters.find((p: any) => p.name === 'format');
    assert.deepEqual(format.schema.enum, ['xlsx', 'csv', 'nl', 'uk', 'eu', 'us-2024', 'us-2025']);
    assert.ok(post.parameters.some((p: any) => p.name === 'dryRun'));
    assert.deepEqual(post.security, [{ bearerAuth: [] }]);
    assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
  });
});
