import { sql } from 'kysely';
import type { Db } from '../services/services.repository.ts';
import type { BodySeed } from './bodies.data.ts';

const BODY_ORDER = sql`case b.kind when 'province' then 0 when 'department' then 1 when 'city' then 2 when 'county' then 3 else 4 end`;

export async function listBodiesWithCounts(db: Db) {
  return db.selectFrom('bodies as b').leftJoin('bodies as p', 'p.id', 'b.parent_id')
    .leftJoin(sql<{ body_id: number; n: number }>`(select body_id, count(*)::int as n from service_index group by body_id)`.as('c'), 'c.body_id', 'b.id')
    .select(['b.id', 'b.code', 'b.kind', 'b.name_ko as nameKo', 'b.name_en as nameEn', 'p.code as parentCode',
      sql<number>`coalesce(c.n, 0)::int`.as('services')])
    .orderBy(BODY_ORDER).orderBy('b.name_ko').execute();
}

/** Every body in display order, without counts (for pick lists). */
export async function listBodies(db: Db) {
  return db.selectFrom('bodies as b').select(['b.id', 'b.code', 'b.kind', 'b.name_ko as nameKo', 'b.name_en as nameEn'])
    .orderBy(BODY_ORDER).orderBy('b.name_ko').execute();
}

export async function findBodyByCode(db: Db, code: string) {
  return db.selectFrom('bodies').where('code', '=', code).select(['id', 'code', 'kind', 'name_ko as nameKo', 'name_en as nameEn']).executeTakeFirst();
}

export async function countBodies(db: Db) {
  const r = await db.selectFrom('bodies').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Inserts bodies that are missing (by code); existing bodies are left as they are. */
export async function insertMissingBodies(db: Db, bodies: BodySeed[]) {
  for (const b of bodies) {
    const parent = b.parent ? await findBodyByCode(db, b.parent) : undefined;
    await db.insertInto('bodies').values({ code: b.code, kind: b.kind, name_ko: b.nameKo, name_en: b.nameEn, parent_id: parent?.id ?? null })
      .onConflict((oc) => oc.column('code').doNothing()).execute();
  }
}
