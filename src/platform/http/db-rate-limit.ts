import { sql } from 'kysely';
import type { Db } from '../../features/services/services.repository.ts';

/**
 * A fixed-window counter kept in the database, so every application process sees the same
 * limits (stateless servers). Returns false when the key has used up its allowance.
 */
export async function takeToken(db: Db, key: string, limit: number, windowMs: number): Promise<boolean> {
  const { rows } = await sql<{ count: number }>`
    insert into rate_limits(key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start < now() - make_interval(secs => ${windowMs / 1000}) then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start < now() - make_interval(secs => ${windowMs / 1000}) then now() else rate_limits.window_start end
    returning count`.execute(db);
  return Number(rows[0].count) <= limit;
}
