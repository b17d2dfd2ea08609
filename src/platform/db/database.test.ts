import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
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
