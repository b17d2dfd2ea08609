import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import autocannon, { type Request, type Result } from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.tsx';
import type { Actor } from '../../src/features/accounts/actor.ts';
import { createApiToken } from '../../src/features/accounts/accounts.service.ts';
import { findBodyByCode } from '../../src/features/bodies/bodies.repository.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { anAccount, cookieHeader, signIn } from '../support/accounts.ts';
import { testDatabase } from '../support/db.ts';

// A short, bounded load of public reads next to officer writes over real HTTP (autocannon on a
// listening server): no 5xx, no socket errors, and every write answered with a 2xx is in the
// database afterwards. Nothing here is timed: speed is measured in `npm run bench`.
// PGlite by default; a fresh database on the PostgreSQL server when DATABASE_URL is set.
const READ_SECONDS = 4;
const READ_CONNECTIONS = 5;
const CREATES = 60; // POST /api/v1/drafts, session cookie + CSRF header, 2 connections
const API_SAVES = 40; // read-then-PUT pairs on one draft, API token, 2 connections (they conflict: 409)
const FORM_SAVES = 20; // read-then-POST pairs of the editor form on another draft, session + CSRF field, 1 connection

let database: Database;
let app: FastifyInstance;
let base: string;
let cookie: string;
let csrf: string;
let token: string;
let bodyId: number;
let publicIds: string[];

before(async () => {
  database = await testDatabase({ demo: true });
  // The general per-IP rate limit (600/min, in memory) would answer most of this load with 429.
  app = await buildApp({ db: database.db, rateLimit: { max: 1e9, timeWindow: 60_000 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const officer = await anAccount(database.db, 'officer', '41110');
  const session = await signIn(app, officer.email);
  cookie = cookieHeader(session.jar);
  csrf = session.csrf;
  const body = (await findBodyByCode(database.db, '41110'))!;
  bodyId = body.id;
  const actor: Actor = { id: officer.id, email: officer.email, name: 'officer', role: 'officer', bodyId: body.id, bodyCode: '41110', bodyNameKo: body.nameKo, via: 'session' };
  token = await createApiToken(database.db, actor, 'load test', null);
  publicIds = (await database.db.selectFrom('services').select('public_id').orderBy('public_id').execute()).map((r) => r.public_id);
  assert.ok(publicIds.length >= 5, 'demo services are loaded');
});
after(async () => { await app?.close(); await database?.close(); });

interface Run { name: string; result: Result; statuses: Map<number, number> }

function run(name: string, opts: { connections: number; duration?: number; amount?: number; requests: Request[]; headers?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const statuses = new Map<number, number>();
    const instance = autocannon({ url: base, timeout: 30, ...opts }, (err, result) => (err ? reject(err) : resolve({ name, result, statuses })));
    instance.on('response', (_c, status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
  });
}

const json = (s: string) => { try { return JSON.parse(s); } catch { return undefined; } };

async function aDraft(name: string): Promise<{ id: number }> {
  const res = await fetch(`${base}/api/v1/drafts`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ disclosure: { name: { ko: name } } }) });
  assert.equal(res.status, 201);
  return (await res.json()) as { id: number };
}

describe('mixed load: public reads and officer writes', { timeout: 120_000 }, () => {
  test('no 5xx, no socket errors, every acknowledged write is stored', async (t) => {
    const apiDraft = await aDraft('부하 API 저장');
    const formDraft = await aDraft('부하 양식 저장');

    // ---- public reads, rotating over pages and API calls
    const q = encodeURIComponent('복지');
    const reads = [
      '/', '/services', `/services?q=${q}`, '/services?field=welfare', '/api/v1/services', `/api/v1/services?q=${q}`,
      '/api/v1/statistics', '/changes', '/bodies', '/feeds/changes.atom', '/services?q=zz&page=2',
      ...publicIds.slice(0, 5).flatMap((id) => [`/services/${id}`, `/api/v1/services/${id}`]),
    ];
    let r = 0;
    const readLoad = run('reads', {
      connections: READ_CONNECTIONS, duration: READ_SECONDS, headers: { accept: 'text/html' },
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: reads[r++ % reads.length] }) }],
    });

    // ---- officer writes
    const created: { id: number; name: string }[] = [];
    let c = 0;
    const creates = run('creates (session + CSRF header)', {
      connections: 2, amount: CREATES, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      requests: [{
        method: 'POST', path: '/api/v1/drafts',
        setupRequest: (req, ctx) => {
          ctx.name = `부하 생성 ${++c}`;
          return { ...req, body: JSON.stringify({ disclosure: { name: { ko: ctx.name }, field: 'welfare' } }) };
        },
        onResponse: (status, body, ctx) => { if (status === 201) created.push({ id: json(body)?.id, name: String(ctx.name) }); },
      }],
    });

    // A read of the draft's revision, then a save with it: what an editor does. Two connections on
    // one draft race; the loser gets 409 (the version check), never a lost update or a 5xx.
    const apiSaves: { name: string; revision: number }[] = [];
    let s = 0;
    const saveApi = run('saves (API token)', {
      connections: 2, amount: API_SAVES * 2, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [
        { method: 'GET', path: `/api/v1/drafts/${apiDraft.id}`, onResponse: (status, body, ctx) => { if (status === 200) ctx.revision = json(body)?.revision; } },
        {
          method: 'PUT', path: `/api/v1/drafts/${apiDraft.id}`,
          setupRequest: (req, ctx) => {
            ctx.name = `부하 API 저장 ${++s}`;
            return { ...req, body: JSON.stringify({ disclosure: { name: { ko: ctx.name } }, revision: ctx.revision ?? 1 }) };
          },
          onResponse: (status, body, ctx) => { if (status === 200) apiSaves.push({ name: String(ctx.name), revision: json(body)?.revision }); },
        },
      ],
    });

    const formSaves: string[] = [];
    let f = 0;
    const saveForm = run('saves (editor form, session + CSRF field)', {
      connections: 1, amount: FORM_SAVES * 2, headers: { cookie },
      requests: [
        { method: 'GET', path: `/api/v1/drafts/${formDraft.id}`, onResponse: (status, body, ctx) => { if (status === 200) ctx.revision = json(body)?.revision; } },
        {
          method: 'POST', path: `/office/drafts/${formDraft.id}`,
          setupRequest: (req, ctx) => {
            ctx.name = `부하 양식 저장 ${++f}`;
            const form = new URLSearchParams({ _csrf: csrf, revision: String(ctx.revision ?? 1), 'name.ko': String(ctx.name), 'summary.ko': '부하 시험' });
            return { ...req, headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
          },
          onResponse: (status, _body, ctx) => { if (status === 200) formSaves.push(String(ctx.name)); },
        },
      ],
    });

    const runs = await Promise.all([readLoad, creates, saveApi, saveForm]);

    // ---- no server errors, no socket errors or timeouts
    const summary = runs.map((x) => `${x.name}: ${[...x.statuses].map(([k, v]) => `${k}×${v}`).join(' ')}, errors ${x.result.errors}, timeouts ${x.result.timeouts}`).join('\n');
    t.diagnostic(summary);
    for (const x of runs) {
      const fivexx = [...x.statuses].filter(([status]) => status >= 500).reduce((n, [, v]) => n + v, 0);
      assert.equal(fivexx, 0, `5xx answers:\n${summary}`);
      assert.equal(x.result.errors, 0, `socket errors:\n${summary}`);
      assert.equal(x.result.timeouts, 0, `timeouts:\n${summary}`);
    }
    const [readRun, createRun, apiRun, formRun] = runs;
    assert.ok(readRun.result['2xx'] > 0 && readRun.result.non2xx === 0, `every public read answers 2xx:\n${summary}`);
    assert.equal(createRun.result.non2xx, 0, `every create answers 201:\n${summary}`);
    for (const x of [apiRun, formRun]) {
      const other = [...x.statuses].filter(([status]) => status !== 200 && status !== 409);
      assert.deepEqual(other, [], `saves answer 200 or 409 (conflict) only:\n${summary}`);
    }
    assert.ok(created.length > 0 && apiSaves.length > 0 && formSaves.length > 0, `writes went through:\n${summary}`);

    // ---- every acknowledged create is stored as it was sent, in the officer's body, and nothing else
    const db = database.db;
    const stored = await db.selectFrom('drafts').where(sql<boolean>`disclosure->'name'->>'ko' like '부하 생성 %'`)
      .select(['id', 'body_id', sql<string>`disclosure->'name'->>'ko'`.as('name')]).execute();
    const byId = new Map(stored.map((d) => [d.id, d]));
    for (const w of created) {
      const d = byId.get(w.id);
      assert.ok(d, `draft ${w.id} (${w.name}) was acknowledged with 201 but is not in the database`);
      assert.equal(d.name, w.name);
      assert.equal(d.body_id, bodyId);
    }
    assert.equal(stored.length, created.length, 'as many drafts as acknowledged creates');
    assert.equal(new Set(created.map((w) => w.id)).size, created.length, 'every create got its own draft');

    // ---- saves: one revision per acknowledged save, the last acknowledged one is what is stored,
    // and each has its audit event (written in the same transaction)
    const saveEvents = async (id: number) => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'draft.save' and entity_id = ${String(id)}`.execute(db)).rows[0].n);
    const apiRow = await db.selectFrom('drafts').where('id', '=', apiDraft.id).select(['revision', sql<string>`disclosure->'name'->>'ko'`.as('name')]).executeTakeFirstOrThrow();
    assert.equal(apiRow.revision, 1 + apiSaves.length, 'one revision per acknowledged API save');
    assert.deepEqual(apiSaves.map((x) => x.revision).sort((a, b) => a - b), apiSaves.map((_, i) => i + 2), 'every acknowledged API save has its own revision');
    assert.equal(apiRow.name, apiSaves.reduce((a, b) => (b.revision > a.revision ? b : a)).name, 'the last acknowledged API save is stored');
    assert.equal(await saveEvents(apiDraft.id), apiSaves.length);
    const formRow = await db.selectFrom('drafts').where('id', '=', formDraft.id).select(['revision', sql<string>`disclosure->'name'->>'ko'`.as('name')]).executeTakeFirstOrThrow();
    assert.equal(formRow.revision, 1 + formSaves.length, 'one revision per acknowledged form save');
    assert.equal(formRow.name, formSaves.at(-1), 'the last acknowledged form save is stored');
    assert.equal(await saveEvents(formDraft.id), formSaves.length);
  });
});
