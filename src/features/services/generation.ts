import type { Kysely } from 'kysely';
import { readGeneration } from './search-index.repository.ts';

const waiting = new WeakMap<object, Promise<string>>();

/**
 * The registry generation as of now (see migration 005). Callers in the same turn of the event
 * loop share one read, which is sent after all of them have asked: never older than the request.
 */
export function currentGeneration(db: Kysely<any>): Promise<string> {
  let pending = waiting.get(db);
  if (!pending) {
    pending = new Promise<string>((resolve, reject) => {
      setImmediate(() => {
        waiting.delete(db);
        readGeneration(db).then(resolve, reject);
      });
    });
    waiting.set(db, pending);
  }
  return pending;
}
