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

/**
 * Terms made only of characters without case (Hangul, Han, digits): lower() cannot change them, so
 * `lower(x) like '%t%'` is `strpos(x, t) > 0`, without lowering every candidate row.
 */
const CASELESS = /^[\p{Script=Hangul}\p{Script=Han}\p{Nd}]+$/u;

/** `column` contains `term`, ignoring case (terms are lower case already). */
function containsTerm(column: 's.name' | 's.summary', term: string) {
  return CASELESS.test(term) ? sql<SqlBool>`strpos(${sql.ref(column)}, ${term}) > 0` : sql<SqlBool>`lower(${sql.ref(column)}) like ${'%' + term + '%'}`;
}

/**
 * A two-character term is a single bigram: if the grams hold it, the (normalized) document holds
 * it inside a word, and conversely, so the substring check would only re-read every document.
 * Limited to scripts where normalization and word splitting cannot differ between the two.
 */
const EXACT_BIGRAM = /^[\p{Script=Hangul}\p{Script=Han}\p{Nd}a-z]{2}$/u;

function whereFilter(filter: ServiceFilter) {
  const parsed = parseQuery(filter.q);
  return (eb: ExpressionBuilder<DB & { s: DB['service_search'] }, 's'>) => {
    const and: Expression<SqlBool>[] = [];
    if (parsed) {
      if (parsed.grams.length > 0) and.push(sql<SqlBool>`s.grams @> ${sql.val(parsed.grams)}::text[]`);
      for (const term of parsed.terms) if (!EXACT_BIGRAM.test(term)) and.push(sql<SqlBool>`s.doc like ${'%' + term + '%'}`);
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

/**
 * Totals and facet counts do not depend on the page or the sort, are the same for every visitor
 * (the whole registry, a field, a popular search…) and cost a scan of every matching row, so they
 * are kept per database and filter, stamped with the PostgreSQL snapshot they were computed under
 * (`pg_current_snapshot()`, which changes whenever any transaction on the server commits). A kept
 * value is used only under that very snapshot, so it is never stale: any write simply makes the
 * next request recompute, and requests that miss under the same snapshot share one computation.
 * Not used inside transactions, whose own uncommitted writes the snapshot does not show.
 */
interface Aggregates { stamp: string; total?: number; facets?: Facets }
const aggregateCache = new WeakMap<object, Map<string, Aggregates>>();
const aggregateRuns = new WeakMap<object, Map<string, Promise<unknown>>>();
const AGGREGATE_KEYS = 500;
const SNAPSHOT = sql<string>`pg_current_snapshot()::text`;

function aggregateKey(filter: ServiceFilter): string {
  return JSON.stringify([parseQuery(filter.q)?.terms ?? null, filter.body, filter.bodyKind, filter.field, filter.tech, filter.status,
    filter.personal, filter.highImpact, filter.generative, filter.example]);
}

function cacheOf(db: Db): Map<string, Aggregates> | undefined {
  if (db.isTransaction) return undefined;
  let cache = aggregateCache.get(db);
  if (!cache) aggregateCache.set(db, (cache = new Map()));
  return cache;
}

/** The total or the facets of `filter` under snapshot `stamp`: kept, being computed, or computed now. */
async function aggregate<K extends 'total' | 'facets'>(
  db: Db, cache: Map<string, Aggregates>, filter: ServiceFilter, what: K, stamp: string,
  compute: () => Promise<{ value: NonNullable<Aggregates[K]>; stamp: string }>,
): Promise<NonNullable<Aggregates[K]>> {
  const key = aggregateKey(filter);
  const kept = cache.get(key);
  if (kept?.stamp === stamp && kept[what] !== undefined) {
    cache.delete(key);
    cache.set(key, kept); // most recently used last
    return kept[what]!;
  }
  let runs = aggregateRuns.get(db);
  if (!runs) aggregateRuns.set(db, (runs = new Map()));
  const run = `${what} ${stamp} ${key}`;
  let pending = runs.get(run) as Promise<NonNullable<Aggregates[K]>> | undefined;
  if (!pending) {
    pending = compute().then(({ value, stamp: computedUnder }) => {
      const now = cache.get(key);
      cache.delete(key);
      cache.set(key, now?.stamp === computedUnder ? { ...now, [what]: value } : { stamp: computedUnder, [what]: value });
      if (cache.size > AGGREGATE_KEYS) cache.delete(cache.keys().next().value!);
      return value;
    }).finally(() => runs.delete(run));
    runs.set(run, pending);
  }
  return pending;
}

async function countMatches(db: Db, filter: ServiceFilter): Promise<{ value: number; stamp: string }> {
  const c = await db.selectFrom('service_search as s').where(whereFilter(filter))
    .select([sql<number>`count(*)`.as('n'), SNAPSHOT.as('stamp')]).executeTakeFirstOrThrow();
  return { value: Number(c.n), stamp: c.stamp };
}

/**
 * One search with optional clauses: text, facets, sort and paging. The order and the page are
 * found on the projection alone, over narrow rows; services and bodies are joined for the page
 * rows only. With search text the total comes from the same scan (a window count); without, the
 * page comes from an index and the total from a count kept per snapshot (see aggregateCache).
 */
export async function searchServices(db: Db, filter: ServiceFilter): Promise<{ items: SearchRow[]; total: number }> {
  const cache = cacheOf(db);
  if (!cache) return runSearch(db, filter, undefined);
  let stamp!: (s: string | undefined) => void;
  searchStamps.set(filter, new Promise((resolve) => { stamp = resolve; }));
  try {
    return await runSearch(db, filter, cache, stamp);
  } finally {
    stamp(undefined); // no rows, or an error: facetCounts reads the snapshot itself
  }
}

/**
 * The snapshot a search read its page under, for facetCounts called with the same filter object
 * (the list routes run both side by side for one request): one round trip instead of two.
 */
const searchStamps = new WeakMap<ServiceFilter, Promise<string | undefined>>();

async function runSearch(db: Db, filter: ServiceFilter, cache: Map<string, Aggregates> | undefined, stamp?: (s: string) => void) {
  const parsed = parseQuery(filter.q);
  const sort = filter.sort ?? (parsed ? 'relevance' : 'newest');
  const offset = (filter.page - 1) * filter.pageSize;
  const windowTotal = parsed !== undefined || cache === undefined;

  // Candidates with their sort keys only; `offset 0` keeps the planner from carrying the wide
  // columns the keys are computed from into the window count.
  let keys = db.selectFrom('service_search as s').where(whereFilter(filter)).select(['s.service_id']);
  const order: { key: 'rank' | 'name' | 'first_published_at' | 'published_at'; dir: 'asc' | 'desc' }[] = [];
  if (sort === 'relevance' && parsed) {
    const nameHits = parsed.terms.map((t) => sql`(${containsTerm('s.name', t)})::int`);
    const summaryHits = parsed.terms.map((t) => sql`(${containsTerm('s.summary', t)})::int`);
    keys = keys.select(sql<number>`(${sql.join(nameHits, sql` + `)}) * 4 + (${sql.join(summaryHits, sql` + `)})`.as('rank'));
    order.push({ key: 'rank', dir: 'desc' });
  }
  if (sort === 'name') order.push({ key: 'name', dir: 'asc' });
  else if (sort === 'oldest') order.push({ key: 'first_published_at', dir: 'asc' });
  else order.push({ key: 'published_at', dir: 'desc' });
  for (const o of order) if (o.key !== 'rank') keys = keys.select(`s.${o.key}`);

  let page = db.selectFrom((windowTotal ? keys.offset(0) : keys).as('k')).selectAll('k');
  if (windowTotal) page = page.select(sql<number>`count(*) over ()`.as('total'));
  for (const o of order) page = page.orderBy(sql.ref(`k.${o.key}`), o.dir);
  page = page.orderBy('k.service_id', 'desc').limit(filter.pageSize).offset(offset);

  let query = db
    .selectFrom(page.as('p'))
    .innerJoin('service_search as s', 's.service_id', 'p.service_id')
    .innerJoin('services as sv', 'sv.id', 's.service_id')
    .innerJoin('bodies as b', 'b.id', 's.body_id')
    .select([
      's.service_id as serviceId', 'sv.public_id as publicId', 'b.code as bodyCode', 'b.name_ko as bodyNameKo',
      'b.name_en as bodyNameEn', 's.name', 's.name_en as nameEn', 's.summary', 's.summary_en as summaryEn', 's.field',
      's.tech_types as techTypes', 's.status', 's.personal', 's.high_impact as highImpact', 's.generative',
      's.is_example as isExample', 's.published_at as publishedAt',
      windowTotal ? sql<number>`p.total`.as('total') : sql<number>`null`.as('total'),
      cache ? SNAPSHOT.as('stamp') : sql<string>`null`.as('stamp'),
    ]);
  for (const o of order) query = query.orderBy(sql.ref(`p.${o.key}`), o.dir);
  const rows = await query.orderBy('p.service_id', 'desc').execute();
  if (rows.length > 0) stamp?.(rows[0].stamp);
  const items = rows.map(({ total: _t, stamp: _s, ...r }) => r as SearchRow);

  let total: number;
  if (rows.length > 0 && windowTotal) total = Number(rows[0].total);
  else if (rows.length > 0 && rows.length < filter.pageSize) total = offset + rows.length;
  else if (rows.length === 0 && filter.page === 1) total = 0;
  else if (rows.length > 0 && cache) total = await aggregate(db, cache, filter, 'total', rows[0].stamp, () => countMatches(db, filter));
  else total = (await countMatches(db, filter)).value; // a page past the end
  return { items, total };
}

export type Facets = Record<'body' | 'bodyKind' | 'field' | 'tech' | 'status' | 'personal' | 'highImpact' | 'generative', Record<string, number>>;

const FACET_DIMS: [keyof Facets, string][] = [
  ['body', 'body_id'], ['bodyKind', 'body_kind'], ['field', 'field'], ['status', 'status'],
  ['personal', 'personal'], ['highImpact', 'high_impact'], ['generative', 'generative'],
];

function freezeFacets(f: Facets): Facets {
  for (const counts of Object.values(f)) Object.freeze(counts);
  return Object.freeze(f);
}

async function computeFacets(db: Db, filter: ServiceFilter): Promise<{ value: Facets; stamp: string }> {
  const inner = db.selectFrom('service_search as s').where(whereFilter(filter)).select([
    's.body_id', 's.body_kind', 's.field', 's.tech_types', 's.status', 's.personal', 's.high_impact', 's.generative',
  ]);
  const { rows } = await sql<{ dim: number; key: string | null; n: number }>`
    with f as materialized (${inner})
    select grouping(${sql.join(FACET_DIMS.map(([, col]) => sql.ref(col)))}) as dim,
      coalesce((select code from bodies where id = body_id), body_kind, field, status, personal::text, high_impact::text, generative::text) as key,
      count(*)::int as n
    from f group by grouping sets (${sql.join(FACET_DIMS.map(([, col]) => sql`(${sql.ref(col)})`))})
    union all select -1, t, count(*)::int from f, unnest(tech_types) t group by t
    union all select -2, ${SNAPSHOT}, 0`.execute(db);
  const facets: Facets = { body: {}, bodyKind: {}, field: {}, tech: {}, status: {}, personal: {}, highImpact: {}, generative: {} };
  // grouping(a, b, …) sets the bit of every column a row is not grouped by (first column highest).
  const all = (1 << FACET_DIMS.length) - 1;
  const dimOf = new Map(FACET_DIMS.map(([name], j) => [all ^ (1 << (FACET_DIMS.length - 1 - j)), name]));
  let stamp = '';
  for (const r of rows) {
    const dim = Number(r.dim);
    if (dim === -2) stamp = r.key!;
    else if (r.key === null) continue;
    else if (dim === -1) facets.tech[r.key] = Number(r.n);
    else facets[dimOf.get(dim)!][r.key] = Number(r.n);
  }
  return { value: freezeFacets(facets), stamp };
}

/**
 * Counts per facet value within the current result set: one scan of the projection into a
 * materialized set of facet columns, grouped by every single-valued facet at once (grouping sets)
 * and by technology type (a service may have several). Kept per snapshot (see aggregateCache);
 * the counts returned are frozen, as they may be shared between requests.
 */
export async function facetCounts(db: Db, filter: ServiceFilter): Promise<Facets> {
  const cache = cacheOf(db);
  if (!cache) return (await computeFacets(db, filter)).value;
  const shared = searchStamps.get(filter);
  searchStamps.delete(filter);
  const stamp = (await shared) ?? (await sql<{ stamp: string }>`select ${SNAPSHOT} as stamp`.execute(db)).rows[0].stamp;
  return aggregate(db, cache, filter, 'facets', stamp, () => computeFacets(db, filter));
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
