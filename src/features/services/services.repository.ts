import { sql, type Kysely, type Transaction, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { ServiceFilter } from './services.filter.ts';
import { parseQuery } from './search-text.ts';

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

function whereFilter(filter: ServiceFilter) {
  const parsed = parseQuery(filter.q);
  return (eb: ExpressionBuilder<DB & { s: DB['service_search'] }, 's'>) => {
    const and: Expression<SqlBool>[] = [];
    if (parsed) {
      if (parsed.grams.length > 0) and.push(sql<SqlBool>`s.grams @> ${sql.val(parsed.grams)}::text[]`);
      for (const term of parsed.terms) and.push(sql<SqlBool>`s.doc like ${'%' + term + '%'}`);
    }
    if (filter.body) and.push(sql<SqlBool>`s.body_id = (select id from bodies where code = ${filter.body})`);
    if (filter.bodyKind) and.push(eb('s.body_kind', '=', filter.bodyKind));
    if (filter.field) and.push(eb('s.field', '=', filter.field));
    if (filter.tech) and.push(sql<SqlBool>`s.tech_types @> array[${filter.tech}]::text[]`);
    if (filter.status) and.push(eb('s.status', '=', filter.status));
    if (filter.personal !== undefined) and.push(eb('s.personal', '=', filter.personal));
    if (filter.highImpact !== undefined) and.push(eb('s.high_impact', '=', filter.highImpact));
    if (filter.generative !== undefined) and.push(eb('s.generative', '=', filter.generative));
    if (filter.example !== undefined) and.push(eb('s.is_example', '=', filter.example));
    return eb.and(and);
  };
}

/** One search with optional clauses: text, facets, sort and paging. */
export async function searchServices(db: Db, filter: ServiceFilter): Promise<{ items: SearchRow[]; total: number }> {
  const parsed = parseQuery(filter.q);
  const sort = filter.sort ?? (parsed ? 'relevance' : 'newest');
  let query = db
    .selectFrom('service_search as s')
    .innerJoin('services as sv', 'sv.id', 's.service_id')
    .innerJoin('bodies as b', 'b.id', 's.body_id')
    .where(whereFilter(filter))
    .select([
      's.service_id as serviceId', 'sv.public_id as publicId', 'b.code as bodyCode', 'b.name_ko as bodyNameKo',
      'b.name_en as bodyNameEn', 's.name', 's.name_en as nameEn', 's.summary', 's.summary_en as summaryEn', 's.field',
      's.tech_types as techTypes', 's.status', 's.personal', 's.high_impact as highImpact', 's.generative',
      's.is_example as isExample', 's.published_at as publishedAt',
      sql<number>`count(*) over ()`.as('total'),
    ]);
  if (sort === 'relevance' && parsed) {
    const nameHits = parsed.terms.map((t) => sql`(lower(s.name) like ${'%' + t + '%'})::int`);
    const summaryHits = parsed.terms.map((t) => sql`(lower(s.summary) like ${'%' + t + '%'})::int`);
    query = query.orderBy(sql`(${sql.join(nameHits, sql` + `)}) * 4 + (${sql.join(summaryHits, sql` + `)})`, 'desc');
  }
  if (sort === 'name') query = query.orderBy('s.name', 'asc');
  else if (sort === 'oldest') query = query.orderBy('s.first_published_at', 'asc');
  else query = query.orderBy('s.published_at', 'desc');
  query = query.orderBy('s.service_id', 'desc');
  const rows = await query.limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute();
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && filter.page > 1) {
    const c = await db.selectFrom('service_search as s').where(whereFilter(filter)).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    total = Number(c.n);
  }
  return { items: rows.map(({ total: _t, ...r }) => r as SearchRow), total };
}

export type Facets = Record<'body' | 'bodyKind' | 'field' | 'tech' | 'status' | 'personal' | 'highImpact' | 'generative', Record<string, number>>;

/** Counts per facet value within the current result set, in one scan of the projection. */
export async function facetCounts(db: Db, filter: ServiceFilter): Promise<Facets> {
  const inner = db.selectFrom('service_search as s').where(whereFilter(filter)).select([
    's.body_id', 's.body_kind', 's.field', 's.tech_types', 's.status', 's.personal', 's.high_impact', 's.generative',
  ]);
  const { rows } = await sql<{ dim: string; key: string; n: number }>`
    with f as materialized (${inner})
    select 'body' as dim, (select code from bodies where id = body_id) as key, count(*)::int as n from f group by body_id
    union all select 'bodyKind', body_kind, count(*)::int from f group by body_kind
    union all select 'field', field, count(*)::int from f group by field
    union all select 'tech', t, count(*)::int from f, unnest(tech_types) t group by t
    union all select 'status', status, count(*)::int from f group by status
    union all select 'personal', personal::text, count(*)::int from f group by personal
    union all select 'highImpact', high_impact::text, count(*)::int from f group by high_impact
    union all select 'generative', generative::text, count(*)::int from f group by generative`.execute(db);
  const facets: Facets = { body: {}, bodyKind: {}, field: {}, tech: {}, status: {}, personal: {}, highImpact: {}, generative: {} };
  for (const r of rows) facets[r.dim as keyof Facets][r.key] = Number(r.n);
  return facets;
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

function recordQuery(db: Db) {
  return db
    .selectFrom('services as sv')
    .innerJoin('service_versions as v', 'v.id', 'sv.current_version_id')
    .innerJoin('bodies as b', 'b.id', 'sv.body_id')
    .select([
      'sv.id as serviceId', 'sv.public_id as publicId', 'sv.is_example as isExample', 'b.id as bodyId', 'b.code as bodyCode',
      'b.name_ko as bodyNameKo', 'b.name_en as bodyNameEn', 'b.kind as bodyKind', 'v.id as versionId', 'v.version_no as versionNo',
      'v.disclosure', 'v.change_reason as changeReason', 'v.published_at as publishedAt',
      sql<Date>`(select min(published_at) from service_versions x where x.service_id = sv.id)`.as('firstPublishedAt'),
    ]);
}

export async function findPublishedService(db: Db, publicId: string): Promise<ServiceRecord | undefined> {
  return recordQuery(db).where('sv.public_id', '=', publicId).executeTakeFirst() as Promise<ServiceRecord | undefined>;
}

/** All published services in public-id order, in pages (for exports: constant memory on PostgreSQL). */
export async function* streamPublishedServices(db: Db, pageSize = 1000): AsyncGenerator<ServiceRecord[]> {
  let after = '';
  for (;;) {
    const rows = (await recordQuery(db).where('sv.public_id', '>', after).orderBy('sv.public_id').limit(pageSize).execute()) as ServiceRecord[];
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].publicId;
    if (rows.length < pageSize) return;
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
  summaryEn: string | null; doc: string; grams: string[]; startDate: string | null; publishedAt: Date; completeness: number;
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
    summary: p.summary, summary_en: p.summaryEn, doc: p.doc, grams: p.grams, start_date: p.startDate, published_at: p.publishedAt, completeness: p.completeness,
    first_published_at: sql<Date>`(select min(published_at) from service_versions where service_id = ${p.serviceId})` as any,
  }).execute();
  if (p.outcomes.length) await trx.insertInto('outcome_values').values(p.outcomes.map((o) => ({ service_id: p.serviceId, indicator: o.indicator, unit: o.unit, period_date: o.date, value: o.value }))).execute();
  if (p.datasets.length) await trx.insertInto('service_datasets').values(p.datasets.map((d) => ({ service_id: p.serviceId, name: d.name, source_body: d.sourceBody, kind: d.kind, personal: d.personal }))).execute();
}
