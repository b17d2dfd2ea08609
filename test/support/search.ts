import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/types.ts';
import { parseServiceFilter } from '../../src/features/services/services.filter.ts';
import { listServices } from '../../src/features/services/services.search.ts';

/**
 * Every query's page, total and facets as the public search gives them (kept, patched or from
 * postings) against a read inside a transaction, where nothing kept is used: the index statement.
 */
export async function assertSameAsIndexRead(db: Kysely<DB>, queries: Record<string, string>[], when: string) {
  for (const q of queries) {
    const f = parseServiceFilter(q);
    const kept = await listServices(db, f);
    const fresh = await db.transaction().execute((trx) => listServices(trx, f));
    const label = `${when}: ${JSON.stringify(q)}`;
    assert.equal(kept.total, fresh.total, label);
    assert.deepEqual(kept.items.map((i) => i.publicId), fresh.items.map((i) => i.publicId), label);
    assert.deepEqual(kept.facets, fresh.facets, label);
  }
}
