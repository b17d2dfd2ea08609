/**
 * A PostgreSQL database for the benchmark: a fresh `bench_<random>` database on the server of
 * DATABASE_URL, or, without DATABASE_URL, a throwaway cluster started from the local PostgreSQL
 * binaries (loopback only, removed at the end).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  /** URL of the benchmark database. */
  url: string;
  /** Where it lives, for the report. */
  where: string;
  /** Drops the database (and stops the throwaway cluster), unless kept. */
  cleanup(): Promise<void>;
}

export class NoPostgres extends Error {}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

async function createDatabase(serverUrl: string, keep: boolean, log: (s: string) => void): Promise<{ url: string; drop(): Promise<void> }> {
  const name = 'bench_' + randomBytes(5).toString('hex');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  return {
    url,
    async drop() {
      if (keep) {
        log(`kept database ${name}: ${url.replace(/:[^:@/]*@/, ':***@')}`);
        return;
      }
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

function findInitdb(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

export async function provisionDatabase(opts: { keep: boolean; ownCluster: boolean; log: (s: string) => void }): Promise<BenchDatabase> {
  const { keep, log } = opts;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl && !opts.ownCluster) {
    const d = await createDatabase(serverUrl, keep, log);
    const u = new URL(d.url);
    return { url: d.url, where: `${u.host}${u.pathname} (DATABASE_URL server)`, cleanup: d.drop };
  }

  const bin = findInitdb();
  if (!bin) throw new NoPostgres();
  // A throwaway cluster: as root, the binaries must run as the postgres user.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' }) : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-bench-pg-'));
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      try { run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']); } catch { /* already stopped */ }
      started = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    log(`starting a throwaway PostgreSQL cluster (${bin}) on 127.0.0.1:${port}`);
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
    const settings = [
      `-c listen_addresses=127.0.0.1`, `-c port=${port}`, `-c unix_socket_directories=${dir}`,
      `-c shared_buffers=512MB`, `-c max_wal_size=4GB`, `-c checkpoint_timeout=30min`,
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', settings, '-w', 'start']);
    started = true;
  } catch (error) {
    stop();
    throw error;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const d = await createDatabase(url, false, log);
  return {
    url: d.url,
    where: `throwaway cluster 127.0.0.1:${port} (${bin.split('/').at(-2) ? 'PostgreSQL ' + bin.split('/').at(-2) : bin})`,
    async cleanup() {
      if (keep) {
        log(`kept the throwaway cluster: ${d.url}\n  stop it with: ${asRoot ? 'runuser -u postgres -- ' : ''}${path.join(bin, 'pg_ctl')} -D ${data} stop && rm -rf ${dir}`);
        return;
      }
      await d.drop().catch(() => {});
      stop();
    },
  };
}
