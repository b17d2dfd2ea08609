import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { scratchDatabase } from '../support/db.ts';

// `npm start` runs the server bundled by scripts/build.mjs with plain Node (no tsx). The bundle lives
// elsewhere than the sources, so what the server reads at run time (assets, KRDS, the export
// worker's source) must still be found: started here on an empty database, as `npm start` is
// (with the demo data, which PostgreSQL gets only when asked).
const root = path.resolve(import.meta.dirname, '../..');
const bundle = path.join(root, 'node_modules', '.cache', 'gg-ai-registry', `test-cli-${process.pid}.mjs`);
let child: ChildProcess;
let base = '';
let remove: () => Promise<void>;
let output = '';

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo;
    s.close(() => resolve(port));
  }).on('error', reject);
});

before(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs', bundle], { cwd: root, stdio: 'inherit' });
  const scratch = await scratchDatabase('regstart');
  remove = scratch.remove;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [bundle, 'serve'], { cwd: root, env: { ...process.env, ...scratch.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_DATA: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d) => { output += d; });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bundled server did not start: ${output.slice(-800)}`)), 60_000);
    const check = () => {
      if (output.includes('registry on http://')) { clearTimeout(timer); resolve(); }
      else if (child.exitCode !== null) { clearTimeout(timer); reject(new Error(`the bundled server exited: ${output.slice(-800)}`)); }
      else setTimeout(check, 100);
    };
    check();
  });
});

after(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await remove?.();
  fs.rmSync(bundle, { force: true });
});

describe('the bundled server (npm start)', () => {
  test('is plain JavaScript with the packages left to node_modules', () => {
    const code = fs.readFileSync(bundle, 'utf8');
    assert.match(code, /from "fastify"/);
    assert.doesNotMatch(code, /function fastify\(/, 'fastify itself is not bundled');
  });

  test('serves the portal with its styles, fonts and scripts', async () => {
    const home = await fetch(`${base}/`);
    assert.equal(home.status, 200);
    const html = await home.text();
    assert.match(html, /AI/);
    const assets = [...html.matchAll(/(?:href|src)="(\/(?:assets|krds)\/[^"?]+)/g)].map((m) => m[1]);
    assert.ok(assets.some((a) => a.startsWith('/assets/')) && assets.some((a) => a.startsWith('/krds/')), `assets linked: ${assets.join(', ')}`);
    for (const a of assets) assert.equal((await fetch(base + a)).status, 200, a);
    const css = await (await fetch(`${base}/assets/app.css`)).text();
    const fonts = [...css.matchAll(/url\('(\/krds\/fonts\/[^']+)'\)/g)].map((m) => m[1]);
    assert.ok(fonts.length > 0, 'app.css declares the Pretendard GOV font');
    for (const f of fonts) assert.equal((await fetch(base + f)).status, 200, f);
  });

  test('exports the demo registry as CSV (through the export worker on PostgreSQL)', async () => {
    const res = await fetch(`${base}/api/v1/export.csv`);
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
    const text = bytes.toString('utf8');
    const ids = text.match(/^GG-\d{4}-\d{4,}/gm) ?? [];
    assert.equal(ids.length, 26, 'every demo service once');
    assert.equal(new Set(ids).size, ids.length);
  });
});
