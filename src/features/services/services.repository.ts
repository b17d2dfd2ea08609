import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { packFacets } from './search-index.ts';
import { writeIndexEntry } from './search-index.repository.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export interface SearchRow {
  serviceId: number;
  publicId: string;
  bodyCode: string;
  bodyNameKo: string;
  bodyNameEn: string | null;
  name: string;
  nameEn: string | null;
  summary: string;
  summaryEn: string | null;
  field: string;
  techTypes: string[];
  status: string;
  personal: boolean;
  highImpact: boolean;
  generative: boolean;
  isExample: boolean;
  publishedAt: Date;
}

export type { Facets } from './search-index.ts';

/** The list rows of the given services, in the order given (the page of a search). */
export async function pageRows(db: Db, ids: number[]): Promise<SearchRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('service_search as s')
    .innerJoin('services as sv', 'sv.id', 's.service_id')
    .innerJoin('bodies as b', 'b.id', 's.body_id')
    .where('s.service_id', 'in', ids)
    .select([
      's.service_id as serviceId', 'sv.public_id as publicId', 'b.code as bodyCode', 'b.name_ko as bodyNameKo',
      'b.name_en as bodyNameEn', 's.name', 's.name_en as nameEn', 's.summary', 's.summary_en as summaryEn', 's.field',
      's.tech_types as techTypes', 's.status', 's.personal', 's.high_impact as highImpact', 's.generative',
      's.is_example as isExample', 's.published_at as publishedAt',
    ])
    .execute();
  const byId = new Map(rows.map((r) => [r.serviceId, r as SearchRow]));
  return ids.map((id) => byId.get(id)).filter((r): r is SearchRow => r !== undefined);
}

export interface ServiceRecord {
  serviceId: number;
  publicId: string;
  isExample: boolean;
  bodyId: number;
  bodyCode: string;
  bodyNameKo: string;
  bodyNameEn: string | null;
  bodyKind: string;
  versionId: number;
  versionNo: number;
  disclosure: unknown;
  changeReason: string | null;
  publishedAt: Date;
  firstPublishedAt: Date;
}

/**
 * Published services with their body and current version. `disclosureAsText`: the disclosure as
 * JSON text, parsed by the caller row by row. `storedFor`: each record's stored export line made by
 * that formatting code from its current inputs, where one exists (migration 011); those rows carry
 * the line and no disclosure. `missingOnly`: only the records without such a line.
 */
function recordQuery(db: Db, read: { disclosureAsText?: boolean; storedFor?: string; missingOnly?: boolean } = {}) {
  const disclosure = !read.disclosureAsText ? sql<unknown>`v.disclosure`
    : read.storedFor === undefined ? sql<unknown>`v.disclosure::text` : sql<unknown>`case when er.csv is null then v.disclosure::text end`;
  return withStoredLine(recordSource(db), read.storedFor).select([
    'sv.id as serviceId', 'sv.public_id as publicId', 'sv.is_example as isExample', 'b.id as bodyId', 'b.code as bodyCode',
    'b.name_ko as bodyNameKo', 'b.name_en as bodyNameEn', 'b.kind as bodyKind', 'v.id as versionId', 'v.version_no as versionNo',
    disclosure.as('disclosure'), 'v.change_reason as changeReason', 'v.published_at as publishedAt',
    sql<Date>`(select min(published_at) from service_versions x where x.service_id = sv.id)`.as('firstPublishedAt'),
  ]).$if(read.storedFor !== undefined, (q) => q.select('er.csv as stored'))
    .$if(!!read.missingOnly, (q) => q.where('er.version_id', 'is', null));
}

function recordSource(db: Db) {
  return db
    .selectFrom('services as sv')
    .innerJoin('service_versions as v', 'v.id', 'sv.current_version_id')
    .innerJoin('bodies as b', 'b.id', 'sv.body_id');
}

/**
 * The stored export line of each record (`er`), where one made by `rev` from the record's current
 * inputs exists; with no `rev`, none (the join matches nothing).
 */
function withStoredLine(q: ReturnType<typeof recordSource>, rev: string | undefined) {
  return q.leftJoin('export_rows as er', (join) => join.onRef('er.version_id', '=', 'v.id').on('er.rev', '=', rev ?? null)
    .onRef('er.body_code', '=', 'b.code').onRef('er.body_name', '=', 'b.name_ko').onRef('er.is_example', '=', 'sv.is_example'));
}

/** Published services without a valid stored export line for `rev` (see recordQuery). */
export async function servicesWithoutLine(db: Db, rev: string): Promise<number> {
  const r = await withStoredLine(recordSource(db), rev).where('er.version_id', 'is', null)
    .select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A record of an export page: its stored CSV line when one is still valid (then no disclosure is read). */
export type PageRecord = ServiceRecord & { stored?: string | null };

export async function findPublishedService(db: Db, publicId: string): Promise<ServiceRecord | undefined> {
  return recordQuery(db).where('sv.public_id', '=', publicId).executeTakeFirst() as Promise<ServiceRecord | undefined>;
}

/**
 * A page of published services whose disclosures are parsed one at a time, as each is reached:
 * an export holds one parsed disclosure at a time instead of a page of them (less for V8 to
 * promote and collect while the page streams).
 */
export class RecordPage implements Iterable<PageRecord> {
  constructor(private readonly rows: (Omit<PageRecord, 'disclosure'> & { disclosure: string | null })[]) {}
  get length() { return this.rows.length; }
  *[Symbol.iterator](): Iterator<PageRecord> {
    for (const r of this.rows) yield { ...r, disclosure: r.disclosure === null ? null : JSON.parse(r.disclosure) };
  }
  map<T>(fn: (r: ServiceRecord) => T): T[] {
    const out: T[] = [];
    for (const r of this) out.push(fn(r));
    return out;
  }
}

/** All published services in public-id order, in pages (for exports: constant memory on PostgreSQL). */
export async function* streamPublishedServices(db: Db, pageSize = 1000, rev?: string): AsyncGenerator<RecordPage> {
  // The next page is read while the caller works on this one (keyset paging on the public id).
  // Disclosures come as text and are parsed row by row (RecordPage); with `rev`, stored export
  // lines come instead where valid (recordQuery).
  const read = (after: string) => {
    const p = recordQuery(db, { disclosureAsText: true, storedFor: rev }).where('sv.public_id', '>', after)
      .orderBy('sv.public_id').limit(pageSize).execute() as unknown as Promise<ConstructorParameters<typeof RecordPage>[0]>;
    p.catch(() => {}); // a read the caller no longer waits for must not crash the process; awaited ones still throw
    return p;
  };
  let next = read('');
  for (;;) {
    const rows = await next;
    if (rows.length === 0) return;
    const more = rows.length === pageSize;
    if (more) next = read(rows[rows.length - 1].publicId);
    yield new RecordPage(rows);
    if (!more) return;
  }
}

/**
 * The public ids that end each page of published services in public-id order, a page holding about
 * `pageBytes` of stored disclosures (TOAST size, read without decompressing; 64 bytes a row for
 * the rest) and one record at least: pages that several readers can read side by side
 * (`publishedPages`), each small enough for a worker's bounded heap whatever the records hold.
 */
export async function publishedPageBounds(db: Db, pageBytes: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from (
      select id, page, lead(page) over (order by id) as next from (
        select sv.public_id as id, sum(pg_column_size(v.disclosure) + 64) over (order by sv.public_id) / ${pageBytes}::bigint as page
        from services sv join service_versions v on v.id = sv.current_version_id) s) p
    where next <> page order by id`.execute(db);
  return rows.map((r) => r.id);
}

/** A page of published services: public ids after `after` up to `upTo` (open ends as null). */
export interface PageRange { after: string | null; upTo: string | null }

/**
 * The published services of each range in turn, the next range read while the caller works on one;
 * with `rev`, each with its stored export line where one is valid (`recordQuery`); with
 * `missingOnly` too, only those without one.
 */
export async function* publishedPages(db: Db, ranges: PageRange[], rev?: string, missingOnly = false): AsyncGenerator<RecordPage> {
  const read = ({ after, upTo }: PageRange) => {
    let q = recordQuery(db, { disclosureAsText: true, storedFor: rev, missingOnly: rev !== undefined && missingOnly });
    if (after !== null) q = q.where('sv.public_id', '>', after);
    if (upTo !== null) q = q.where('sv.public_id', '<=', upTo);
    const p = q.orderBy('sv.public_id').execute() as unknown as Promise<ConstructorParameters<typeof RecordPage>[0]>;
    p.catch(() => {}); // a read the caller no longer waits for must not crash the process; awaited ones still throw
    return p;
  };
  let next = ranges.length ? read(ranges[0]) : undefined;
  for (let k = 1; next; k++) {
    const rows = await next;
    next = k < ranges.length ? read(ranges[k]) : undefined;
    yield new RecordPage(rows);
  }
}

export async function listVersions(db: Db, serviceId: number) {
  return db.selectFrom('service_versions').where('service_id', '=', serviceId).orderBy('version_no', 'desc')
    .select(['id', 'version_no as versionNo', 'change_reason as changeReason', 'published_at as publishedAt']).execute();
}

export async function outcomeSeries(db: Db, serviceId: number) {
  return db.selectFrom('outcome_values').where('service_id', '=', serviceId).orderBy('indicator').orderBy('period_date')
    .select(['indicator', 'unit', 'period_date as date', 'value']).execute();
}

export async function recentChanges(db: Db, limit: number) {
  return db.selectFrom('service_versions as v').innerJoin('services as sv', 'sv.id', 'v.service_id').innerJoin('bodies as b', 'b.id', 'sv.body_id')
    .select(['sv.public_id as publicId', 'v.version_no as versionNo', 'v.change_reason as changeReason', 'v.published_at as publishedAt',
      sql<string>`v.disclosure->'name'->>'ko'`.as('name'), sql<string | null>`v.disclosure->'name'->>'en'`.as('nameEn'), 'b.name_ko as bodyNameKo', 'b.name_en as bodyNameEn', 'sv.is_example as isExample'])
    .orderBy('v.published_at', 'desc').orderBy('v.id', 'desc').limit(limit).execute();
}

export async function registryTotals(db: Db) {
  return db.selectFrom('service_search').select([
    sql<number>`count(*)::int`.as('services'),
    sql<number>`count(distinct body_id)::int`.as('bodies'),
    sql<number>`count(*) filter (where personal)::int`.as('personal'),
    sql<number>`count(*) filter (where high_impact)::int`.as('highImpact'),
    sql<number>`count(*) filter (where generative)::int`.as('generative'),
    sql<number>`count(*) filter (where is_example)::int`.as('examples'),
  ]).executeTakeFirstOrThrow();
}

export async function servicesPerYear(db: Db) {
  return db.selectFrom('service_search').select([sql<number>`extract(year from coalesce(start_date, first_published_at::date))::int`.as('year'), sql<number>`count(*)::int`.as('n')])
    .groupBy(sql`1`).orderBy(sql`1`).execute();
}

// ---- writes (used by the publish use case) ----

export async function nextPublicId(trx: Transaction<DB>, year: number): Promise<string> {
  const row = await sql<{ last: number }>`
    insert into public_id_counters(year, last) values (${year}, 1)
    on conflict (year) do update set last = public_id_counters.last + 1
    returning last`.execute(trx);
  return `GG-${year}-${String(row.rows[0].last).padStart(4, '0')}`;
}

export async function insertService(trx: Transaction<DB>, v: { publicId: string; bodyId: number; isExample: boolean }) {
  const row = await trx.insertInto('services').values({ public_id: v.publicId, body_id: v.bodyId, is_example: v.isExample, current_version_id: null })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function lockService(trx: Transaction<DB>, publicId: string) {
  return trx.selectFrom('services').where('public_id', '=', publicId).select(['id', 'body_id as bodyId', 'is_example as isExample', 'current_version_id as currentVersionId'])
    .forUpdate().executeTakeFirst();
}

export async function insertVersion(trx: Transaction<DB>, v: { serviceId: number; schemaVersion: string; disclosure: unknown; changeReason: string | null; publishedBy: string | null; publishedAt?: Date }) {
  const last = await trx.selectFrom('service_versions').where('service_id', '=', v.serviceId).select(sql<number>`coalesce(max(version_no), 0)::int`.as('n')).executeTakeFirstOrThrow();
  const row = await trx.insertInto('service_versions').values({
    service_id: v.serviceId, version_no: Number(last.n) + 1, schema_version: v.schemaVersion, disclosure: JSON.stringify(v.disclosure),
    change_reason: v.changeReason, published_by: v.publishedBy, published_at: v.publishedAt ?? new Date(),
  }).returning(['id', 'version_no as versionNo']).executeTakeFirstOrThrow();
  await trx.updateTable('services').set({ current_version_id: row.id, updated_at: new Date() }).where('id', '=', v.serviceId).execute();
  return row;
}

export interface Projection {
  serviceId: number; bodyId: number; bodyKind: string; field: string; techTypes: string[]; status: string; personal: boolean;
  highImpact: boolean; generative: boolean; isExample: boolean; name: string; nameEn: string | null; summary: string;
  summaryEn: string | null; doc: string; terms: string[]; startDate: string | null; publishedAt: Date; completeness: number;
  outcomes: { indicator: string; unit: string | null; date: string; value: number }[];
  datasets: { name: string; sourceBody: string | null; kind: string; personal: boolean }[];
}

export async function replaceProjection(trx: Transaction<DB>, p: Projection) {
  await trx.deleteFrom('service_search').where('service_id', '=', p.serviceId).execute();
  await trx.deleteFrom('outcome_values').where('service_id', '=', p.serviceId).execute();
  await trx.deleteFrom('service_datasets').where('service_id', '=', p.serviceId).execute();
  await trx.insertInto('service_search').values({
    service_id: p.serviceId, body_id: p.bodyId, body_kind: p.bodyKind, field: p.field, tech_types: p.techTypes, status: p.status,
    personal: p.personal, high_impact: p.highImpact, generative: p.generative, is_example: p.isExample, name: p.name, name_en: p.nameEn,
    summary: p.summary, summary_en: p.summaryEn, doc: p.doc, start_date: p.startDate, published_at: p.publishedAt, completeness: p.completeness,
    first_published_at: sql<Date>`(select min(published_at) from service_versions where service_id = ${p.serviceId})` as any,
  }).execute();
  await writeIndexEntry(trx, {
    serviceId: p.serviceId, bodyId: p.bodyId, publishedAt: p.publishedAt, terms: p.terms, doc: p.doc,
    facets: packFacets({ field: p.field, status: p.status, bodyKind: p.bodyKind, techTypes: p.techTypes, personal: p.personal, highImpact: p.highImpact, generative: p.generative, isExample: p.isExample }),
  });
  if (p.outcomes.length) await trx.insertInto('outcome_values').values(p.outcomes.map((o) => ({ service_id: p.serviceId, indicator: o.indicator, unit: o.unit, period_date: o.date, value: o.value }))).execute();
  if (p.datasets.length) await trx.insertInto('service_datasets').values(p.datasets.map((d) => ({ service_id: p.serviceId, name: d.name, source_body: d.sourceBody, kind: d.kind, personal: d.personal }))).execute();
}
