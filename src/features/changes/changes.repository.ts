import { sql } from 'kysely';
import type { Db, ServiceRecord } from '../services/services.repository.ts';

/** One published version of a service, shaped like the current record so the detail view can show it. */
export interface VersionRecord extends ServiceRecord {
  currentVersionNo: number;
}

export async function findVersion(db: Db, publicId: string, versionNo: number): Promise<VersionRecord | undefined> {
  return db
    .selectFrom('services as sv')
    .innerJoin('service_versions as v', 'v.service_id', 'sv.id')
    .innerJoin('service_versions as cur', 'cur.id', 'sv.current_version_id')
    .innerJoin('bodies as b', 'b.id', 'sv.body_id')
    .where('sv.public_id', '=', publicId)
    .where('v.version_no', '=', versionNo)
    .select([
      'sv.id as serviceId', 'sv.public_id as publicId', 'sv.is_example as isExample', 'b.id as bodyId', 'b.code as bodyCode',
      'b.name_ko as bodyNameKo', 'b.name_en as bodyNameEn', 'b.kind as bodyKind', 'v.id as versionId', 'v.version_no as versionNo',
      'v.disclosure', 'v.change_reason as changeReason', 'v.published_at as publishedAt', 'cur.version_no as currentVersionNo',
      sql<Date>`(select min(published_at) from service_versions x where x.service_id = sv.id)`.as('firstPublishedAt'),
    ])
    .executeTakeFirst() as Promise<VersionRecord | undefined>;
}

/** The disclosures of the given version numbers of one service. */
export async function versionDisclosures(db: Db, serviceId: number, versionNos: number[]) {
  if (versionNos.length === 0) return [];
  return db.selectFrom('service_versions').where('service_id', '=', serviceId).where('version_no', 'in', versionNos)
    .select(['version_no as versionNo', 'disclosure', 'change_reason as changeReason', 'published_at as publishedAt']).execute();
}

export interface ChangeFilter {
  bodyCode?: string;
  publicId?: string;
  page: number;
  pageSize: number;
}

export interface ChangeRow {
  serviceId: number;
  publicId: string;
  versionNo: number;
  changeReason: string | null;
  publishedAt: Date;
  name: string;
  nameEn: string | null;
  bodyCode: string;
  bodyNameKo: string;
  bodyNameEn: string | null;
  isExample: boolean;
  disclosure: unknown;
  previousDisclosure: unknown | null;
}

/**
 * Published versions, newest first, registry-wide or for one body or one service, a page at a
 * time; each with its disclosure and the previous version's, so callers can name what changed.
 */
export async function listChanges(db: Db, filter: ChangeFilter): Promise<{ items: ChangeRow[]; total: number }> {
  const rows = await db
    .selectFrom('service_versions as v')
    .innerJoin('services as sv', 'sv.id', 'v.service_id')
    .innerJoin('bodies as b', 'b.id', 'sv.body_id')
    .where('sv.current_version_id', 'is not', null)
    .$if(filter.bodyCode !== undefined, (q) => q.where('b.code', '=', filter.bodyCode!))
    .$if(filter.publicId !== undefined, (q) => q.where('sv.public_id', '=', filter.publicId!))
    .select([
      'sv.id as serviceId', 'sv.public_id as publicId', 'v.version_no as versionNo', 'v.change_reason as changeReason',
      'v.published_at as publishedAt', sql<string>`v.disclosure->'name'->>'ko'`.as('name'), sql<string | null>`v.disclosure->'name'->>'en'`.as('nameEn'),
      'b.code as bodyCode', 'b.name_ko as bodyNameKo', 'b.name_en as bodyNameEn', 'sv.is_example as isExample', 'v.disclosure',
      sql<unknown>`(select p.disclosure from service_versions p where p.service_id = v.service_id and p.version_no < v.version_no order by p.version_no desc limit 1)`.as('previousDisclosure'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy('v.published_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && filter.page > 1) {
    const c = await db.selectFrom('service_versions as v').innerJoin('services as sv', 'sv.id', 'v.service_id').innerJoin('bodies as b', 'b.id', 'sv.body_id')
      .where('sv.current_version_id', 'is not', null)
      .$if(filter.bodyCode !== undefined, (q) => q.where('b.code', '=', filter.bodyCode!))
      .$if(filter.publicId !== undefined, (q) => q.where('sv.public_id', '=', filter.publicId!))
      .select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    total = Number(c.n);
  }
  return { items: rows.map(({ total: _t, ...r }) => r as ChangeRow), total };
}

export interface HistoryRow {
  publicId: string;
  bodyCode: string;
  versionNo: number;
  publishedAt: Date;
  changeReason: string | null;
  isExample: boolean;
  disclosure: unknown;
}

/** Every published version in (public id, version) order, a page at a time: constant memory on PostgreSQL. */
export async function* streamHistory(db: Db, pageSize = 500): AsyncGenerator<HistoryRow[]> {
  let after: [string, number] = ['', 0];
  for (;;) {
    const rows = (await db
      .selectFrom('service_versions as v')
      .innerJoin('services as sv', 'sv.id', 'v.service_id')
      .innerJoin('bodies as b', 'b.id', 'sv.body_id')
      .where('sv.current_version_id', 'is not', null)
      .where(({ eb, refTuple, tuple }) => eb(refTuple('sv.public_id', 'v.version_no'), '>', tuple(after[0], after[1])))
      .select(['sv.public_id as publicId', 'b.code as bodyCode', 'v.version_no as versionNo', 'v.published_at as publishedAt',
        'v.change_reason as changeReason', 'sv.is_example as isExample', 'v.disclosure'])
      .orderBy('sv.public_id')
      .orderBy('v.version_no')
      .limit(pageSize)
      .execute()) as HistoryRow[];
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    after = [last.publicId, last.versionNo];
    if (rows.length < pageSize) return;
  }
}
