import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { testApp } from '../../../test/support/app.ts';

const { database, app } = await testApp({ demo: true });

describe('open-data API', () => {
  test('GET /api/v1/services returns items, total, page, pageSize, facets', async () => {
    const res = await app.inject('/api/v1/services?q=%EA%B3%A0%EB%8F%85%EC%82%AC');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ['facets', 'items', 'page', 'pageSize', 'total']);
    assert.equal(body.total, 1);
    assert.equal(body.items[0].id, 'GG-2025-0001');
    assert.equal(body.items[0].body.code, 'GG-WELFARE');
    assert.equal(body.facets.field.welfare, 1);
  });

  test('filters by body and field, pages', async () => {
    const body = (await app.inject('/api/v1/services?body=GGI-MEDICAL')).json();
    assert.ok(body.items.length >= 1 && body.items.every((i: any) => i.body.code === 'GGI-MEDICAL'));
    const paged = (await app.inject('/api/v1/services?page=2&pageSize=10')).json();
    assert.equal(paged.page, 2);
    assert.equal(paged.pageSize, 10);
    assert.equal(paged.items.length, 10);
  });

  test('bad parameters give 400 with a stable code, the field and a Korean message, never 500', async () => {
    for (const q of ['page=abc', 'pageSize=0', 'pageSize=101', 'field=%3Cscript%3E', 'highImpact=2', 'sort=random', 'q=' + 'x'.repeat(201), 'body=%27%3B%20drop', 'foo=bar', 'page=1&page=2']) {
      const res = await app.inject('/api/v1/services?' + q);
      assert.equal(res.statusCode, 400, q);
      const e = res.json().error;
      assert.equal(e.code, 'VALIDATION_FAILED', q);
      assert.match(e.message, /[가-힣]/, q);
      assert.ok(e.problems.length > 0, q);
    }
  });

  test('service detail carries the disclosure, classification and body code', async () => {
    const res = await app.inject('/api/v1/services/GG-2025-0002');
    assert.equal(res.statusCode, 200);
    const s = res.json();
    assert.equal(s.body.code, 'GGI-MEDICAL');
    assert.equal(s.disclosure.outcomes[0].values[0].value, 19031);
    assert.equal(s.classification.highImpact, false); // a doctor decides: not high-impact
    assert.equal((await app.inject('/api/v1/services/GG-2099-9999')).statusCode, 404);
    assert.equal((await app.inject('/api/v1/services/nonsense')).statusCode, 404);
  });

  test('versions and bodies', async () => {
    const v = (await app.inject('/api/v1/services/GG-2025-0001/versions')).json();
    assert.equal(v.items[0].version, 1);
    const bodies = (await app.inject('/api/v1/bodies')).json().items;
    assert.equal(bodies.filter((b: any) => b.kind === 'city' || b.kind === 'county').length, 31);
    assert.ok(bodies.find((b: any) => b.code === 'GGI-MEDICAL' && b.name.ko === '경기도의료원'));
  });

  test('ETag: a repeated read with If-None-Match gets 304', async () => {
    const first = await app.inject('/api/v1/services?field=welfare');
    const etag = first.headers.etag as string;
    assert.ok(etag);
    const second = await app.inject({ url: '/api/v1/services?field=welfare', headers: { 'if-none-match': etag } });
    assert.equal(second.statusCode, 304);
    assert.match(String(first.headers['cache-control']), /public/);
  });

  test('OpenAPI document describes the endpoints', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/api/v1/services', '/api/v1/services/{id}', '/api/v1/bodies', '/api/v1/export.csv']) assert.ok(doc.paths[p], p);
    assert.ok(doc.components.schemas.Disclosure.properties.purpose);
    const page = await app.inject('/data');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /GET \/api\/v1\/services/);
  });

  test('statistics', async () => {
    const s = (await app.inject('/api/v1/statistics')).json();
    assert.equal(s.totals.services, 26);
    assert.equal(s.byField.health, 2);
  });
});

describe('bulk downloads', () => {
  test('CSV is UTF-8 with BOM, every row has the registry id and body code, Korean intact', async () => {
    const res = await app.inject('/api/v1/export.csv');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv; charset=utf-8/);
    const raw = res.rawPayload;
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8').slice(1);
    assert.ok(text.startsWith('public_id,body_code,'));
    assert.ok(text.includes('인공지능 기반 고독사 예방 및 대응 서비스'));
    const ids = text.match(/^GG-\d{4}-\d{4},[A-Z0-9-]+,/gm) ?? [];
    assert.equal(ids.length, 26);
  });

  test('JSON export holds every published service', async () => {
    const body = (await app.inject('/api/v1/export.json')).json();
    assert.equal(body.items.length, 26);
    assert.ok(body.items.every((i: any) => /^GG-\d{4}-\d{4}$/.test(i.id) && i.body.code));
  });

  test('XLSX export opens with Korean headers and values', async () => {
    const res = await app.inject('/api/v1/export.xlsx');
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const sheet = wb.getWorksheet('services')!;
    assert.equal(sheet.getRow(1).getCell(1).value, '등록번호');
    assert.equal(sheet.getRow(2).getCell(1).value, 'public_id');
    const names = [];
    for (let r = 3; r <= sheet.rowCount; r++) names.push(String(sheet.getRow(r).getCell(7).value));
    assert.equal(names.length, 26);
    assert.ok(names.includes('인공지능 기반 고독사 예방 및 대응 서비스'));
  });
});
