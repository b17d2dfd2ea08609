import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/database.ts';
import { buildApp } from '../../app.tsx';

let database: Database;
let app: FastifyInstance;
before(async () => { database = await testDatabase({ demo: true }); app = await buildApp({ db: database.db }); });
after(async () => { await app.close(); await database.close(); });

test('the DCAT catalogue lists the datasets with absolute, working distribution URLs', async () => {
  const res = await app.inject({ url: '/api/v1/catalog.jsonld', headers: { host: 'registry.example.kr' } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /application\/ld\+json/);
  const cat = res.json();
  assert.equal(cat['@type'], 'dcat:Catalog');
  assert.equal(cat['@context'].dcat, 'http://www.w3.org/ns/dcat#');
  const datasets = cat['dcat:dataset'];
  assert.ok(datasets.length >= 3);
  assert.match(datasets[0]['dct:description']['@value'], /26건/);
  for (const ds of datasets) {
    for (const d of ds['dcat:distribution']) {
      const url = new URL(d['dcat:downloadURL']['@id']);
      assert.equal(url.host, 'registry.example.kr');
      const r = await app.inject(url.pathname);
      assert.equal(r.statusCode, 200, url.pathname);
    }
  }
});

test('a hostile Host header is not echoed into the catalogue', async () => {
  const res = await app.inject({ url: '/api/v1/catalog.jsonld', headers: { host: 'evil"><script>' } });
  assert.ok(!res.body.includes('<script>'));
});
