/**
 * An imported record keeps where it came from (`disclosure.source`) and the items the editor does
 * not show, through editing in the editor, the API, publishing and a later change proposal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { anAccount, disclosureForm, signIn } from '../../../test/support/accounts.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import { buildApp } from '../../app.tsx';
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../accounts/actor.ts';
import { createApiToken } from '../accounts/accounts.service.ts';
import { findBodyByCode } from '../bodies/bodies.repository.ts';
import { formToDisclosure, keepUnformed } from '../disclosure/disclosure.form.ts';

let database: Database;
let app: FastifyInstance;
type Session = Awaited<ReturnType<typeof signIn>>;
let officer: Session;
let reviewer: Session;
let token: string;

before(async () => {
  database = await testDatabase({ demo: true });
  app = await buildApp({ db: database.db });
  const a = await anAccount(database.db, 'officer', '41110');
  const r = await anAccount(database.db, 'reviewer');
  [officer, reviewer] = await Promise.all([signIn(app, a.email), signIn(app, r.email)]);
  const body = (await findBodyByCode(database.db, '41110'))!;
  const actor: Actor = { id: a.id, email: a.email, name: 'officer', role: 'officer', bodyId: body.id, bodyCode: '41110', bodyNameKo: body.nameKo, via: 'session' };
  token = await createApiToken(database.db, actor, 'provenance test', null);
});
after(async () => { await app.close(); await database.close(); });

const draftRow = async (id: number) => (await sql<{ disclosure: any; revision: number }>`select disclosure, revision from drafts where id = ${id}`.execute(database.db)).rows[0];
const revisionOf = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1];

/** One NL record imported over the API; returns its draft id. */
async function importNl(name: string): Promise<number> {
  const file = JSON.stringify([{ name, description_short: 'Korte omschrijving.', organization: 'Gemeente Utrecht', status: 'In gebruik', human_intervention: 'Een medewerker beoordeelt elk signaal.', source_id: name.toUpperCase(), website: 'https://example.nl/x' }]);
  const res = await app.inject({ method: 'POST', url: '/api/v1/imports?format=nl&dryRun=false', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: file });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().drafts[0];
}

describe('the editor keeps what it does not show', () => {
  test('keepUnformed: unshown items and provenance kept, a cleared form field stays cleared', () => {
    const stored = { name: { ko: '이름', en: 'Name' }, humanOversight: { ko: '검토', en: 'Reviewed' }, budget: { amountKrw: 5, note: '국비' }, ethics: { summary: { ko: '요약', en: 'Summary' }, requirements: { privacy: { level: 'met', how: '가명' } } }, source: { format: 'nl', record: { name: 'x' } } };
    const posted = { name: { ko: '새 이름' }, humanOversight: { ko: '새 검토' }, ethics: { summary: { ko: '새 요약' }, requirements: {} }, data: { datasets: [] }, outcomes: [] };
    assert.deepEqual(keepUnformed(stored, posted), {
      name: { ko: '새 이름' }, // name.en is a form field: the officer cleared it
      humanOversight: { ko: '새 검토', en: 'Reviewed' },
      budget: { note: '국비' },
      ethics: { summary: { ko: '새 요약', en: 'Summary' }, requirements: {} }, // the cleared requirement is not restored
      data: { datasets: [] }, outcomes: [],
      source: { format: 'nl', record: { name: 'x' } },
    });
  });

  test('an outcome indicator keeps its English name through the editor form', () => {
    const d = aDisclosure({ outcomes: [{ name: { ko: '처리 건수', en: 'Cases handled' }, unit: '건', values: [{ date: '2025-01-01', value: 10 }] }] });
    const back = formToDisclosure(disclosureForm(d)) as any;
    assert.deepEqual(back.outcomes[0].name, { ko: '처리 건수', en: 'Cases handled' });
    const koOnly = formToDisclosure(disclosureForm(aDisclosure({ outcomes: [{ name: { ko: '처리 건수' }, values: [] }] }))) as any;
    assert.deepEqual(koOnly.outcomes[0].name, { ko: '처리 건수' });
  });

  test('import → edit in the editor → save → submit → publish: the published disclosure still has its source', async () => {
    const id = await importNl('Scanauto parkeren');
    const imported = (await draftRow(id)).disclosure;
    assert.equal(imported.source.format, 'nl');
    assert.equal(imported.humanOversight.en, 'Een medewerker beoordeelt elk signaal.');

    // The officer fills in the Korean items in the editor and saves.
    const page = await officer.get(`/office/drafts/${id}`);
    assert.equal(page.statusCode, 200);
    const form = disclosureForm(aDisclosure({ name: { ko: '주차 단속 스캔 차량', en: 'Scanauto parkeren' } }));
    const saved = await officer.post(`/office/drafts/${id}`, { ...form, revision: revisionOf(page.body), intent: 'save' });
    assert.equal(saved.statusCode, 200);
    assert.match(saved.body, /저장했습니다/);
    let draft = (await draftRow(id)).disclosure;
    assert.deepEqual(draft.source, imported.source);
    assert.equal(draft.humanOversight.en, imported.humanOversight.en); // not in the form: kept
    assert.equal(draft.humanOversight.ko, '담당자가 검토합니다.');

    // Saved again through the API without the source: it is still kept.
    const { source: _s, ...withoutSource } = draft;
    const put = await app.inject({ method: 'PUT', url: `/api/v1/drafts/${id}`, headers: { authorization: `Bearer ${token}` }, payload: { disclosure: withoutSource, revision: (await draftRow(id)).revision } });
    assert.equal(put.statusCode, 200, put.body);
    draft = (await draftRow(id)).disclosure;
    assert.deepEqual(draft.source, imported.source);

    // Submitted from the editor and published by a reviewer.
    const again = await officer.get(`/office/drafts/${id}`);
    const submitted = await officer.post(`/office/drafts/${id}`, { ...form, revision: revisionOf(again.body), intent: 'submit' });
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 500));
    const published = await reviewer.post(`/office/review/${id}/publish`, {});
    assert.equal(published.statusCode, 303, published.body.slice(0, 500));
    const publicId = /\/services\/(GG-\d{4}-\d+)/.exec(published.headers.location as string)![1];
    const version = (await sql<{ disclosure: any }>`select v.disclosure from service_versions v join services s on s.id = v.service_id where s.public_id = ${publicId}`.execute(database.db)).rows;
    assert.equal(version.length, 1);
    assert.deepEqual(version[0].disclosure.source, imported.source);
    assert.equal(version[0].disclosure.humanOversight.en, imported.humanOversight.en);
    assert.equal(version[0].disclosure.name.ko, '주차 단속 스캔 차량');
    assert.equal((await app.inject({ url: `/services/${publicId}`, headers: { accept: 'text/html' } })).statusCode, 200);

    // A change proposal carries the source to version 2; the diff does not list it as a change.
    const change = await officer.post(`/office/services/${publicId}/change`, {});
    assert.equal(change.statusCode, 303);
    const changeId = Number(/\/office\/drafts\/(\d+)/.exec(change.headers.location as string)![1]);
    const editor = await officer.get(`/office/drafts/${changeId}`);
    const v2 = await officer.post(`/office/drafts/${changeId}`, { ...disclosureForm(aDisclosure({ name: { ko: '주차 단속 스캔 차량', en: 'Scanauto parkeren' }, effects: { ko: '단속 시간이 줄었습니다.' } })), changeReason: '효과 갱신', revision: revisionOf(editor.body), intent: 'submit' });
    assert.equal(v2.statusCode, 303, v2.body.slice(0, 500));
    assert.equal((await reviewer.post(`/office/review/${changeId}/publish`, {})).statusCode, 303);
    const versions = (await sql<{ disclosure: any }>`select v.disclosure from service_versions v join services s on s.id = v.service_id where s.public_id = ${publicId} order by v.version_no`.execute(database.db)).rows;
    assert.equal(versions.length, 2);
    assert.deepEqual(versions[1].disclosure.source, imported.source);
    const diff = (await app.inject(`/api/v1/services/${publicId}/diff?from=1&to=2`)).json();
    assert.deepEqual(diff.items.map((i: any) => i.key), ['effects_ko']);
  });
});
