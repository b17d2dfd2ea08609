import { sql, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Db } from '../services/services.repository.ts';

const OPEN_STATES = ['draft', 'submitted', 'returned'] as const;

/** Inserts imported drafts in batches; returns their ids in input order. Drafts made by the system (command line) have no account. */
export async function insertImportedDrafts(trx: Transaction<DB>, bodyId: number, disclosures: unknown[], accountId: number | null = null, batchSize = 200): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < disclosures.length; i += batchSize) {
    const batch = disclosures.slice(i, i + batchSize);
    const rows = await trx.insertInto('drafts').values(batch.map((d) => ({
      body_id: bodyId, service_id: null, state: 'draft' as const, disclosure: JSON.stringify(d), change_reason: null,
      created_by: accountId, updated_by: accountId, submitted_at: null, published_version_id: null,
    }))).returning('id').execute();
    // Serial ids follow insertion order.
    ids.push(...rows.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

/** Identity and content hash of the records already imported from a standard into a body's open drafts. */
export async function importedSources(db: Db, bodyId: number, format: string): Promise<Map<string, { draftId: number; hash: string }[]>> {
  const rows = await db.selectFrom('drafts')
    .where('body_id', '=', bodyId)
    .where('state', 'in', [...OPEN_STATES])
    .where(sql<boolean>`disclosure->'source'->>'format' = ${format}`)
    .select(['id', sql<string>`disclosure->'source'->>'key'`.as('key'), sql<string>`disclosure->'source'->>'hash'`.as('hash')])
    .execute();
  const out = new Map<string, { draftId: number; hash: string }[]>();
  for (const r of rows) {
    const list = out.get(r.key ?? '') ?? [];
    list.push({ draftId: r.id, hash: r.hash ?? '' });
    out.set(r.key ?? '', list);
  }
  return out;
}

export interface DraftForExport {
  id: number;
  bodyCode: string;
  bodyNameKo: string;
  bodyNameEn: string | null;
  disclosure: unknown;
}

/** A body's open drafts in id order, in pages. */
export async function* streamOpenDrafts(db: Db, bodyId: number, pageSize = 500): AsyncGenerator<DraftForExport[]> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('drafts as d').innerJoin('bodies as b', 'b.id', 'd.body_id')
      .where('d.body_id', '=', bodyId).where('d.state', 'in', [...OPEN_STATES]).where('d.id', '>', after)
      .select(['d.id', 'b.code as bodyCode', 'b.name_ko as bodyNameKo', 'b.name_en as bodyNameEn', 'd.disclosure'])
      .orderBy('d.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows as DraftForExport[];
    after = rows[rows.length - 1].id;
    if (rows.length < pageSize) return;
  }
}
