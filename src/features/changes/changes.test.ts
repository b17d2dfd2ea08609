import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { escapeHtml } from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import type { Database } from '../../platform/db/database.ts';
import { buildApp } from '../../app.tsx';
import { publishService } from '../services/services.service.ts';
import { DIFF_ITEMS } from './diff.ts';

let database: Database;
let app: FastifyInstance;
const html = { accept: 'text/html' };

const OLD_PURPOSE = '민원 답변 초안을 빠르게 작성하기 위해 도입했습니다.';
const NEW_PURPOSE = '민원 답변 초안 작성과 분류를 자동화하기 위해 도입했습니다.';
const REASON = '목적 보완 <script>&"';
const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';
let plain: string; // v1 → v2: purpose changed, vendor added, department removed
let hostile: string; // hostile text in the record and in the change reason

before(async () => {
  database = await testDatabase({ demo: true });
  app = await buildApp({ db: database.db });
  // enough changes for a second page of the recent-changes list
  for (let i = 0; i < 30; i++) await publishService(database.db, { bodyCode: 'GG-WELFARE', disclosure: aDisclosure({ name: { ko: `페이지 시험 ${i}` } }) });
  const v1 = aDisclosure({ name: { ko: '버전비교 시험 서비스', en: 'Version test service' }, purpose: { ko: OLD_PURPOSE }, department: '민원정책과' });
  plain = (await publishService(database.db, { bodyCode: 'GG-AI', disclosure: v1 })).publicId;
  await publishService(database.db, { bodyCode: 'GG-AI', publicId: plain, changeReason: REASON, disclosure: { ...v1, purpose: { ko: NEW_PURPOSE }, department: undefined, vendor: '(주)경기AI' } });
  const h1 = aDisclosure({ name: { ko: `XSS ${XSS}`, en: XSS }, summary: { ko: XSS }, purpose: { ko: XSS } });
  hostile = (await publishService(database.db, { bodyCode: 'GG-AI', disclosure: h1 })).publicId;
  await publishService(database.db, { bodyCode: 'GG-AI', publicId: hostile, changeReason: `${XSS} ]]> \u0001 &amp;`, disclosure: { ...h1, vendor: XSS } });
});
after(async () => { await app.close(); await database.close(); });

const get = (url: string, headers: Record<string, string> = html) => app.inject({ url, headers });
/** The body with double-quoted attribute values blanked: inside them `<` is inert. */
const outsideAttributes = (body: string) => body.replace(/="[^"]*"/g, '=""');

// ---- a strict XML check: the saxes parser when it is installed, plus structural regexes always ----
interface XmlNode { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string }
async function parseXml(xml: string): Promise<XmlNode | undefined> {
  let mod: any;
  try {
    mod = await import('saxes' as string);
  } catch {
    return undefined;
  }
  const parser = new mod.SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.on('opentag', (tag: any) => {
    const node: XmlNode = { name: tag.local, attrs: Object.fromEntries(Object.entries(tag.attributes).map(([k, a]: [string, any]) => [k, a.value])), children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else root = node;
    stack.push(node);
    assert.equal(tag.uri, 'http://www.w3.org/2005/Atom', `namespace of <${tag.name}>`);
  });
  parser.on('text', (t: string) => { if (stack.length) stack[stack.length - 1].text += t; });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close(); // throws on anything not well-formed
  return root;
}
const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const children = (n: XmlNode, name: string) => n.children.filter((c) => c.name === name);

async function assertAtom(url: string, host = 'registry.example') {
  const res = await get(url, { host });
  assert.equal(res.statusCode, 200, url);
  assert.match(String(res.headers['content-type']), /^application\/atom\+xml; charset=utf-8/, url);
  const xml = res.body;
  assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="(ko|en)">/);
  assert.match(xml, /<\/feed>\n$/);
  // Outside the tags themselves, no `<` is left: every text is escaped.
  const text = xml.replace(/<\?xml[^<>]*\?>/, '').replace(/<\/?[A-Za-z][^<>]*>/g, '');
  assert.ok(!text.includes('<') && !text.includes('>'), `unescaped markup in ${url}`);
  assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml), `control character in ${url}`);
  for (const tag of ['id', 'title', 'updated']) assert.match(xml, new RegExp(`^  <${tag}[ >]`, 'm'), `feed ${tag}`);
  assert.match(xml, /<link rel="self" type="application\/atom\+xml" href="http:\/\/registry\.example\/feeds\//);
  assert.match(xml, /<link rel="alternate" type="text\/html" href="http:\/\/registry\.example\//);
  const feed = await parseXml(xml);
  if (feed) {
    assert.equal(feed.name, 'feed');
    for (const tag of ['id', 'title', 'updated', 'author']) assert.ok(child(feed, tag), `feed ${tag}`);
    assert.ok(!Number.isNaN(Date.parse(child(feed, 'updated')!.text)));
    const rels = children(feed, 'link').map((l) => l.attrs.rel);
    assert.deepEqual(rels.sort(), ['alternate', 'self']);
    const entries = children(feed, 'entry');
    const ids = entries.map((e) => child(e, 'id')!.text);
    assert.equal(new Set(ids).size, ids.length, 'entry ids are unique');
    for (const e of entries) {
      for (const tag of ['id', 'title', 'updated', 'summary']) assert.ok(child(e, tag), `entry ${tag}`);
      assert.match(child(e, 'id')!.text, /^tag:gg\.go\.kr,2025:ai-registry:services:GG-\d{4}-\d{4,}:v\d+$/);
      assert.match(child(e, 'link')!.attrs.href, /^http:\/\/registry\.example\/services\//);
    }
    return { xml, feed, entries };
  }
  return { xml, feed: undefined, entries: [] as XmlNode[] };
}

describe('published versions and public change history', () => {
  test('an older version is shown as the public saw it, marked as older, with a way to the current one', async () => {
    const res = await get(`/services/${plain}/versions/1`);
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(OLD_PURPOSE));
    assert.ok(!res.body.includes(NEW_PURPOSE));
    assert.match(res.body, /이전 버전 \(v1\)을 보고 있습니다/);
    assert.match(res.body, /현재 공개된 버전은 v2입니다/);
    assert.ok(res.body.includes(`href="/services/${plain}"`), 'link to the current version');
    assert.ok(res.body.includes(`href="/services/${plain}/diff?from=1&to=2"`), 'link to the comparison');
    assert.ok(res.body.includes('민원정책과'), 'the department as it was');
    // the language switch stays on this version
    assert.ok(res.body.includes(`href="/services/${plain}/versions/1?lang=en"`));
    const en = await get(`/services/${plain}/versions/1?lang=en`);
    assert.match(en.body, /You are viewing an earlier version \(v1\)/);
    const current = await get(`/services/${plain}/versions/2`);
    assert.match(current.body, /현재 공개 중인 버전 \(v2\)입니다/);
    assert.ok(current.body.includes(NEW_PURPOSE));
  });

  test('unknown versions and services are 404 with a Korean message; malformed ones too', async () => {
    const missing = await get(`/services/${plain}/versions/9`);
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /버전 9은\(는\) 없습니다/);
    for (const url of [`/services/${plain}/versions/0`, `/services/${plain}/versions/abc`, '/services/GG-2099-9999/versions/1', '/services/%3Cx%3E/versions/1']) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
  });

  test('the detail page links every version, its comparison and the service feed', async () => {
    const body = (await get(`/services/${plain}`)).body;
    assert.ok(body.includes(`href="/services/${plain}/versions/1"`));
    assert.ok(body.includes(`href="/services/${plain}/diff?from=1&to=2"`));
    assert.ok(body.includes(`<link rel="alternate" type="application/atom+xml"`));
    assert.ok(body.includes(`href="/feeds/services/${plain}.atom"`));
  });

  test('the diff shows exactly the changed items, item by item, with before and after', async () => {
    const res = await get(`/services/${plain}/diff?from=1&to=2`);
    assert.equal(res.statusCode, 200);
    const keys = [...res.body.matchAll(/<tr data-key="([^"]+)" data-change="([^"]+)">/g)].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(keys, ['department:removed', 'vendor:added', 'purpose_ko:changed']);
    const row = (key: string) => res.body.slice(res.body.indexOf(`data-key="${key}"`)).split('</tr>')[0];
    assert.ok(row('purpose_ko').includes(OLD_PURPOSE) && row('purpose_ko').includes(NEW_PURPOSE));
    assert.ok(row('purpose_ko').includes('AI 도입 목적'), 'the item is named by its schema label');
    assert.ok(row('vendor').includes('(주)경기AI') && row('vendor').includes('추가'));
    assert.ok(row('department').includes('민원정책과') && row('department').includes('삭제'));
    assert.match(res.body, /변경된 항목 3개/);
    assert.ok(res.body.includes(escapeHtml(REASON)), 'the change reason, escaped');
    // a plain GET form with two selects works without JavaScript
    assert.match(res.body, new RegExp(`<form method="get" action="/services/${plain}/diff"`));
    assert.match(res.body, /<select id="diff-from" name="from"[^>]*>\s*<option value="2">v2[^<]*<\/option><option value="1" selected>/);
    assert.match(res.body, /<select id="diff-to" name="to"[^>]*>\s*<option value="2" selected>/);
    // without versions: the newest change; reversed: the same items the other way round
    const newest = await get(`/services/${plain}/diff`);
    assert.deepEqual([...newest.body.matchAll(/data-key="([^"]+)"/g)].map((m) => m[1]), ['department', 'vendor', 'purpose_ko']);
    const reversed = await get(`/services/${plain}/diff?from=2&to=1`);
    assert.deepEqual([...reversed.body.matchAll(/data-change="([^"]+)"/g)].map((m) => m[1]), ['added', 'removed', 'changed']);
  });

  test('all items on request, with a link back to changed items only', async () => {
    const only = (await get(`/services/${plain}/diff?from=1&to=2`)).body;
    assert.ok(only.includes(`href="/services/${plain}/diff?from=1&to=2&all=1#items"`));
    const all = (await get(`/services/${plain}/diff?from=1&to=2&all=1`)).body;
    assert.equal([...all.matchAll(/<tr data-key=/g)].length, DIFF_ITEMS.length);
    assert.equal([...all.matchAll(/data-change="unchanged"/g)].length, DIFF_ITEMS.length - 3);
    assert.match(all, /변경된 항목만 보기/);
    assert.match(all, /<input type="hidden" name="all" value="1"/);
  });

  test('bad or missing versions get 400 or 404 with a Korean message', async () => {
    const cases: [string, number, RegExp][] = [
      [`/services/${plain}/diff?from=abc&to=2`, 400, /이전 버전/],
      [`/services/${plain}/diff?from=1`, 400, /두 버전\(from, to\)을 모두 지정하십시오/],
      [`/services/${plain}/diff?from=2&to=2`, 400, /서로 다른 두 버전을 선택하십시오/],
      [`/services/${plain}/diff?from=1&to=2&from=1`, 400, /입력값을 확인하십시오/],
      [`/services/${plain}/diff?from=1&to=7`, 404, /버전 7은\(는\) 없습니다/],
      [`/services/${plain}/diff?from=-1&to=2`, 400, /이전 버전/],
      ['/services/GG-2025-0001/diff', 404, /버전이 하나뿐이어서 비교할 수 없습니다/],
      ['/services/GG-2099-9999/diff?from=1&to=2', 404, /찾을 수 없습니다/],
    ];
    for (const [url, status, message] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, status, url);
      assert.match(res.body, message, url);
    }
    const api = await get(`/api/v1/services/${plain}/diff?from=x&to=2`, {});
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.code, 'VALIDATION_FAILED');
    assert.equal(api.json().error.problems[0].field, 'from');
    assert.equal((await get(`/api/v1/services/${plain}/diff?from=1&to=2&to=1`, {})).statusCode, 400);
  });

  test('the recent-changes page lists the change with its reason, items and diff link; filters by body; pages', async () => {
    const res = await get('/changes');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('버전비교 시험 서비스'));
    assert.ok(res.body.includes(escapeHtml(REASON)));
    assert.ok(res.body.includes(`href="/services/${plain}/diff?from=1&to=2"`));
    assert.match(res.body, /변경 항목: 담당 부서, 개발·공급 업체, AI 도입 목적/);
    assert.match(res.body, /변경 \d+건/);
    assert.ok(res.body.includes('href="/feeds/changes.atom"'));
    const mine = await get('/changes?body=GG-AI');
    assert.equal(mine.statusCode, 200);
    assert.ok(mine.body.includes('버전비교 시험 서비스'));
    assert.ok(mine.body.includes('href="/feeds/bodies/GG-AI.atom"'));
    assert.match(mine.body, /<option value="GG-AI" selected>/);
    const other = await get('/changes?body=GGI-MEDICAL');
    assert.ok(!other.body.includes('버전비교 시험 서비스'));
    const total = Number(/변경 (\d+)건/.exec(res.body)![1]);
    const versions = await database.db.selectFrom('service_versions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    assert.equal(total, versions.n);
    const page2 = await get('/changes?page=2');
    assert.equal(page2.statusCode, 200);
    assert.match(page2.body, /aria-current="page"[^>]*>\s*<span class="sr-only">현재 페이지<\/span>2/);
    assert.match((await get('/changes?lang=en')).body, /Recent changes/);
    assert.equal((await get('/changes?body=NOPE')).statusCode, 400);
    assert.equal((await get('/changes?body=%3Cx%3E')).statusCode, 400);
    assert.equal((await get('/changes?page=abc')).statusCode, 400);
    assert.ok((await get('/')).body.includes('href="/changes"'), 'the home page links the recent changes');
  });

  test('Atom feeds: registry, body and service; well-formed, absolute links, escaped text', async () => {
    const all = await assertAtom('/feeds/changes.atom');
    assert.ok(all.xml.includes('목적 보완 &lt;script&gt;&amp;&quot;'), 'the change reason, escaped');
    assert.ok(all.xml.includes(`<id>tag:gg.go.kr,2025:ai-registry:services:${plain}:v2</id>`));
    assert.ok(all.xml.includes(`href="http://registry.example/services/${plain}/diff?from=1&amp;to=2"`));
    if (all.feed) {
      const entry = all.entries.find((e) => child(e, 'id')!.text.endsWith(`${plain}:v2`))!;
      assert.equal(child(entry, 'title')!.text, '[변경] 버전비교 시험 서비스 v2');
      assert.equal(child(entry, 'summary')!.text, `변경 사유: ${REASON}\n변경 항목: 담당 부서, 개발·공급 업체, AI 도입 목적 (도입 배경 포함)`);
      const h = all.entries.find((e) => child(e, 'id')!.text.endsWith(`${hostile}:v2`))!;
      assert.ok(child(h, 'title')!.text.includes(XSS), 'hostile text survives as text');
      assert.ok(child(h, 'summary')!.text.includes(`${XSS} ]]>  &amp;`), 'control characters dropped, the rest kept');
    }
    const body = await assertAtom('/feeds/bodies/GG-AI.atom');
    assert.ok(body.xml.includes(`${plain}:v2`));
    assert.ok(body.xml.includes('<id>tag:gg.go.kr,2025:ai-registry:bodies:GG-AI</id>'));
    const service = await assertAtom(`/feeds/services/${plain}.atom`);
    if (service.feed) assert.deepEqual(service.entries.map((e) => child(e, 'id')!.text.split(':').pop()), ['v2', 'v1']);
    assert.ok(service.xml.includes(`href="http://registry.example/services/${plain}/versions/1"`), 'a first version links its page');
    const en = await assertAtom(`/feeds/services/${plain}.atom?lang=en`);
    assert.match(en.xml, /xml:lang="en"/);
    assert.match(en.xml, /\[Changed\] Version test service v2/);
    assert.ok(en.xml.includes(`href="http://registry.example/feeds/services/${plain}.atom?lang=en"`));
    await assertAtom('/feeds/bodies/GG-WELFARE.atom');
    // a hostile Host header is not echoed into the links
    const odd = await get('/feeds/changes.atom', { host: 'evil"><x' });
    assert.ok(!odd.body.includes('evil'));
    for (const url of ['/feeds/bodies/NOPE.atom', '/feeds/services/GG-2099-9999.atom', '/feeds/services/nonsense.atom', '/feeds/bodies/%3Cx%3E.atom']) {
      assert.equal((await get(url, {})).statusCode, 404, url);
    }
  });

  test('feeds and pages carry ETags and answer 304 when unchanged', async () => {
    const first = await get('/feeds/changes.atom', {});
    const again = await app.inject({ url: '/feeds/changes.atom', headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });

  test('history export: CSV with BOM, one row per published version, changed item keys; JSON alike', async () => {
    const res = await get('/api/v1/history.csv', {});
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.ok(res.body.startsWith('\uFEFFpublic_id,body_code,version,published_at,change_reason,name,changed_items,is_example\r\n'));
    const rows = parseCsv(res.body.slice(1));
    const versions = await database.db.selectFrom('service_versions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    assert.equal(rows.length - 1, versions.n);
    const mine = rows.filter((r) => r[0] === plain);
    assert.deepEqual(mine.map((r) => [r[1], r[2], r[4], r[5], r[6], r[7]]), [
      ['GG-AI', '1', '', '버전비교 시험 서비스', '', 'false'],
      ['GG-AI', '2', REASON, '버전비교 시험 서비스', 'department;vendor;purpose_ko', 'false'],
    ]);
    const h = rows.find((r) => r[0] === hostile && r[2] === '2')!;
    assert.ok(h[4].startsWith(XSS));
    const json = await get('/api/v1/history.json', {});
    const items = JSON.parse(json.body).items;
    assert.equal(items.length, versions.n);
    assert.deepEqual(items.filter((i: any) => i.id === plain).map((i: any) => [i.version, i.changeReason, i.changedItems]), [[1, null, []], [2, REASON, ['department', 'vendor', 'purpose_ko']]]);
  });

  test('history in the API: one version as published, and the diff as JSON', async () => {
    const v1 = await get(`/api/v1/services/${plain}/versions/1`, {});
    assert.equal(v1.statusCode, 200);
    assert.equal(v1.json().version, 1);
    assert.equal(v1.json().current, 2);
    assert.equal(v1.json().disclosure.purpose.ko, OLD_PURPOSE);
    assert.equal((await get(`/api/v1/services/${plain}/versions/3`, {})).statusCode, 404);
    const diff = (await get(`/api/v1/services/${plain}/diff?from=1&to=2`, {})).json();
    assert.equal(diff.changed, 3);
    assert.deepEqual(diff.items.map((i: any) => [i.key, i.change]), [['department', 'removed'], ['vendor', 'added'], ['purpose_ko', 'changed']]);
    assert.equal(diff.items[2].before, OLD_PURPOSE);
    assert.equal(diff.items[2].label.en, 'Purpose of adoption, with background');
    assert.equal(diff.to.changeReason, REASON);
    const doc = (await get('/api/v1/openapi.json', {})).json();
    for (const p of ['/api/v1/services/{id}/versions/{version}', '/api/v1/services/{id}/diff', '/api/v1/history.csv', '/api/v1/history.json', '/feeds/changes.atom', '/feeds/bodies/{code}.atom', '/feeds/services/{id}.atom']) {
      assert.ok(doc.paths[p], p);
    }
  });

  test('text from a record or a change reason is escaped on every history page', async () => {
    for (const url of [`/services/${hostile}/versions/1`, `/services/${hostile}/versions/2`, `/services/${hostile}/diff?from=1&to=2`, `/services/${hostile}/diff?from=1&to=2&all=1&lang=en`, '/changes', '/changes?body=GG-AI&lang=en', `/services/${hostile}`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      const body = outsideAttributes(res.body);
      assert.ok(!body.includes('<script>alert(1)'), url);
      assert.ok(!body.includes('<img src=x'), url);
      assert.ok(body.includes('&lt;script'), url);
    }
  });
});

/** RFC 4180 CSV, enough for the export: quoted cells with doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
