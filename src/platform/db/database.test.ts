import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';
import { acquireDataDirLock, DataDirLockedError } from './lock.ts';

test('the embedded data folder is refused to a second process with a clear message', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reg-lock-'));
  const release = acquireDataDirLock(dir);
  try {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', `
      import('${path.resolve('src/platform/db/lock.ts')}').then((m) => { m.acquireDataDirLock(${JSON.stringify(dir)}); console.log('acquired'); })
        .catch((e) => { console.log(e.code + ' ' + e.message); process.exit(3); });`], { encoding: 'utf8' });
    assert.equal(child.status, 3, child.stdout + child.stderr);
    assert.match(child.stdout, /DATA_DIR_LOCKED/);
    assert.match(child.stdout, /다른 프로세스/);
  } finally {
    release();
  }
  // Released: the next process gets it. A lock left by a dead process is taken over.
  acquireDataDirLock(dir)();
  fs.writeFileSync(path.join(dir, 'registry.lock'), '999999999');
  const again = acquireDataDirLock(dir);
  again();
  assert.ok(DataDirLockedError);
});

test('connections to PostgreSQL: JIT off; no parallel plans where asked (the export workers)', { skip: !process.env.DATABASE_URL && 'PostgreSQL only (DATABASE_URL)' }, async () => {
  const settings = async (serial: boolean) => {
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' }, { poolSize: 1, serial });
    try {
      const { rows } = await sql<{ jit: string; workers: string }>`select current_setting('jit') as jit, current_setting('max_parallel_workers_per_gather') as workers`.execute(database.db);
      return rows[0];
    } finally {
      await database.close();
    }
  };
  const usual = await settings(false);
  assert.equal(usual.jit, 'off');
  assert.notEqual(usual.workers, '0', 'the server default stays for the app');
  assert.deepEqual(await settings(true), { jit: 'off', workers: '0' });
});
