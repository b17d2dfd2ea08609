// Runs every *.test.ts(x) under src/ and test/ with Node's test runner (Node 20 has no --test globs).
// Browser tests (test/e2e) need Chromium; they are skipped with a notice when it is missing,
// unless REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const noBrowser = args.includes('--no-browser');
const only = args.filter((a) => !a.startsWith('--'));

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasBrowser = fs.existsSync(chromium);
let files = only.length ? only : [...walk('src'), ...walk('test')].sort();
if (noBrowser || !hasBrowser) {
  if (!noBrowser) {
    if (process.env.REQUIRE_BROWSER === '1') {
      console.error(`Chromium not found at ${chromium}; browser tests are required here.`);
      process.exit(1);
    }
    console.error(`notice: Chromium not found at ${chromium}; skipping browser tests (apt-get install chromium).`);
  }
  files = files.filter((f) => !f.includes(`${path.sep}e2e${path.sep}`));
}

const xss = spawnSync(process.execPath, ['scripts/xss-scan.mjs'], { stdio: 'inherit' });
if (xss.status !== 0) process.exit(xss.status ?? 1);

console.error(`database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (in memory)'}; ${files.length} test files`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
