import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/audit.repository.ts';
import * as repo from './backup.repository.ts';

export const BACKUP_FORMAT = 'gg-ai-registry-backup';

/**
 * A logical backup: gzip'd JSON lines, a header (format, migrations), one line per row in
 * foreign-key order, and an end line with the row counts. The same file restores into PGlite or
 * PostgreSQL (so it also moves a registry from a laptop to a server).
 */
export function backup(db: Kysely<DB>): Readable {
  const gzip = createGzip();
  const source = Readable.from((async function* () {
    const tables = await repo.describeTables(db);
    yield JSON.stringify({ format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), migrations: await repo.appliedMigrations(db), tables: tables.map((t) => t.name) }) + '\n';
    const counts: Record<string, number> = {};
    for (const t of tables) {
      counts[t.name] = 0;
      for (let offset = 0; ; offset += 1000) {
        const rows = await repo.readPage(db, t, offset, 1000);
        let chunk = '';
        for (const r of rows) chunk += JSON.stringify({ t: t.name, r }) + '\n';
        counts[t.name] += rows.length;
        if (chunk) yield chunk;
        if (rows.length < 1000) break;
      }
    }
    yield JSON.stringify({ end: true, counts }) + '\n';
  })());
  source.on('error', (e) => gzip.destroy(e));
  return source.pipe(gzip);
}

/** Lines of a gzip'd file; a broken gzip stream or read error rejects (readline would hang on it). */
async function* jsonLines(input: Readable): AsyncGenerator<string> {
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  gunzip.setEncoding('utf8'); // decodes characters split across chunks
  let rest = '';
  for await (const chunk of gunzip) {
    const text = rest + (chunk as string);
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  if (rest) yield rest;
}

const bad = (why: string) => new AppError(400, 'BAD_BACKUP', `백업 파일을 복원할 수 없습니다: ${why}`, `Cannot restore the backup: ${why}`);

/**
 * Restores a backup in one transaction: everything or nothing. Refuses a registry that already
 * holds services unless `force`, a file with migrations this code does not know, and a truncated
 * file (no end line, or counts that do not match).
 */
export async function restore(db: Kysely<DB>, input: Readable, options: { force?: boolean } = {}) {
  const known = new Set(await repo.appliedMigrations(db));
  const tables = await repo.describeTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  if (!options.force && (await repo.countRows(db, 'services')) > 0) {
    throw new AppError(409, 'NOT_EMPTY', '이 등록부에는 이미 서비스가 있습니다. 덮어쓰려면 --force 를 붙이십시오.', 'The registry is not empty; use --force to replace it.');
  }
  return db.transaction().execute(async (trx) => {
    let header: any;
    let end: any;
    const counts: Record<string, number> = {};
    const pending: Record<string, unknown>[] = [];
    const loaded: Record<string, Record<string, unknown>[]> = {};
    let current: string | undefined;
    const flush = async () => {
      if (!current || !pending.length) return;
      const t = byName.get(current)!;
      await repo.insertRows(trx, t, pending);
      if (t.selfOrCycleRefs.length) (loaded[current] ??= []).push(...pending.map((r) => Object.fromEntries([...t.primaryKey, ...t.selfOrCycleRefs.map((x) => x.column)].map((k) => [k, r[k]]))));
      pending.length = 0;
    };
    try {
      for await (const line of jsonLines(input)) {
        if (!line.trim()) continue;
        const item = JSON.parse(line);
        if (!header) {
          header = item;
          if (header.format !== BACKUP_FORMAT) throw bad('형식이 다릅니다');
          const unknown = (header.migrations as string[]).filter((m) => !known.has(m));
          if (unknown.length) throw bad(`이 프로그램보다 새로운 스키마입니다 (${unknown.join(', ')})`);
          await repo.truncateAll(trx, tables.map((t) => t.name));
          continue;
        }
        if (item.end) { end = item; break; }
        if (!byName.has(item.t)) throw bad(`알 수 없는 표 ${item.t}`);
        if (item.t !== current) { await flush(); current = item.t; }
        pending.push(item.r);
        counts[item.t] = (counts[item.t] ?? 0) + 1;
        if (pending.length >= 500) await flush();
      }
      await flush();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw bad(error instanceof SyntaxError ? '손상된 줄이 있습니다' : (error as Error).message);
    }
    if (!header) throw bad('빈 파일입니다');
    if (!end) throw bad('파일이 중간에 끊겼습니다 (끝 표시 없음)');
    for (const [t, n] of Object.entries(end.counts as Record<string, number>)) {
      if ((counts[t] ?? 0) !== n) throw bad(`${t} 의 행 수가 맞지 않습니다 (${counts[t] ?? 0}/${n})`);
    }
    for (const t of tables) if (loaded[t.name]) await repo.setDeferred(trx, t, loaded[t.name]);
    for (const t of tables) await repo.resetSequences(trx, t);
    await audit(trx, { action: 'backup.restore', actorLabel: 'cli', details: { createdAt: header.createdAt, counts } });
    return counts;
  });
}
