import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { buildApp } from '../../src/app.tsx';
import { scratchDatabase } from '../support/db.ts';

// SIGKILL in the middle of publishing and of an import: after a restart nothing is half-written
// and everything that was reported as published is there. Runs on PGlite (a data folder) and on
// PostgreSQL when DATABASE_URL is set.
const root = path.resolve(import.meta.dirname, '../..');
let env: Record<string, string>;
let dataDir = '';
let remove: () => Promise<void>;

before(async () => {
  ({ env, remove } = await scratchDatabase('regkill'));
  dataDir = env.DATA_DIR ?? '';
});
after(async () => remove());

/** Runs the worker until `until(lines)` holds, then kills it with SIGKILL. */
function runAndKill(mode: string, until: (lines: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/resilience/worker.ts', mode], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buf = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`worker did not get far enough: ${lines.slice(-3).join(' | ')} ${err.slice(-500)}`)); }, 240_000);
    child.stdout.on('data', (d) => {
      buf += d;
      const parts = buf.split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
      if (until(lines) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`worker ended by itself (${_code}): ${err.slice(-800)}`));
      else resolve(lines);
    });
  });
}

async function reopen(): Promise<Database> {
  const d = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir }); // the dead worker's lock is stale and taken over
  await migrateToLatest(d.db);
  return d;
}

async function assertConsistent(db: Database['db']) {
  const broken = await sql<{ n: number }>`
    select
      (select count(*) from services where current_version_id is null)
      + (select count(*) from services s where not exists (select 1 from service_search p where p.service_id = s.id))
      + (select count(*) from services s join service_versions v on v.id = s.current_version_id where v.service_id <> s.id)
      + (select count(*) from services s where s.current_version_id <> (select max(id) from service_versions v where v.service_id = s.id))
      + (select count(*) from service_search p join services s on s.id = p.service_id join service_versions v on v.id = s.current_version_id where p.name <> v.disclosure->'name'->>'ko')
      as n`.execute(db);
  assert.equal(Number(broken.rows[0].n), 0, 'half-written publish found');
}

describe('SIGKILL during work', { timeout: 600_000 }, () => {
  test('publishing: every reported publish survives, nothing is half-written, the server starts again', async () => {
    const lines = await runAndKill('publish', (l) => l.filter((x) => x.startsWith('ok ')).length >= 12);
    const reported = lines.filter((x) => x.startsWith('ok ')).map((x) => x.split(' '));
    const d = await reopen();
    try {
      await assertConsistent(d.db);
      for (const [, publicId, version] of reported) {
        const row = await sql<{ n: number }>`select count(*)::int as n from service_versions v join services s on s.id = v.service_id where s.public_id = ${publicId} and v.version_no = ${Number(version)}`.execute(d.db);
        assert.equal(row.rows[0].n, 1, `${publicId} v${version} was reported as published but is missing`);
      }
      const app = await buildApp({ db: d.db });
      const res = await app.inject(`/api/v1/services/${reported[reported.length - 1][1]}`);
      assert.equal(res.statusCode, 200);
      await app.close();
    } finally {
      await d.close();
    }
  });

  test('an export killed midway leaves no file under the requested name', async () => {
    const out = path.join(os.tmpdir(), `reg-export-${randomBytes(4).toString('hex')}.csv`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'export', '--format', 'csv', '--out', out], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env }, stdio: 'ignore' });
      const timer = setInterval(() => {
        // Kill as soon as the export has started writing.
        if (fs.existsSync(out + '.partial') || fs.existsSync(out)) { clearInterval(timer); child.kill('SIGKILL'); }
      }, 5);
      child.on('exit', () => { clearInterval(timer); resolve(); });
      child.on('error', reject);
    });
    // Either the export finished before the kill landed (then the file is complete) or no file exists.
    if (fs.existsSync(out)) {
      const text = fs.readFileSync(out, 'utf8');
      assert.ok(text.startsWith('\uFEFF'));
      fs.rmSync(out);
    }
    fs.rmSync(out + '.partial', { force: true });
  });

  test('an import killed before it commits leaves no drafts at all', async () => {
    const d0 = await reopen();
    const before = await sql<{ n: number }>`select count(*)::int as n from drafts`.execute(d0.db);
    await d0.close();
    await runAndKill('import', (l) => l.includes('started'));
    const d = await reopen();
    try {
      const afterKill = await sql<{ n: number }>`select count(*)::int as n from drafts`.execute(d.db);
      assert.equal(afterKill.rows[0].n, before.rows[0].n);
      await assertConsistent(d.db);
    } finally {
      await d.close();
    }
  });
});
