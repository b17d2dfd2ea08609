/**
 * Bulk loading for the benchmark. Publishing 100k services one transaction at a time through
 * publishService would take far longer than the benchmark itself, so this writes the same rows in
 * batches (one multi-row INSERT per table and batch, fed as one JSON parameter): services, immutable
 * service_versions with the validated disclosure, the search projection and index (doc, words and
 * packed facets computed by the app's own searchDocument, indexWords and packFacets, flags by classify), outcome_values and
 * service_datasets. A sample of disclosures goes through validateDisclosure and must come out
 * unchanged, so what is stored is what the app would have stored.
 */
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { classify } from '../src/features/disclosure/classification.ts';
import type { Disclosure } from '../src/features/disclosure/disclosure.schema.ts';
import { indexKeys, packFacets, vocabularyOf } from '../src/features/services/search-index.ts';
import { searchDocument, validateDisclosure } from '../src/features/services/services.service.ts';
import { extraBodies, generateService, rng, type BodyRef, type GeneratedService } from './generate.ts';

export interface SeedReport {
  services: number;
  versions: number;
  bodies: number;
  insertMs: number;
  indexMs: number;
  analyzeMs: number;
  validated: number;
}

const TABLES = ['service_search', 'service_index', 'search_words', 'facet_totals', 'outcome_values', 'service_datasets', 'service_versions', 'services'];

export async function bulkSeed(url: string, opts: { services: number; bodies: number; seed: number; batch?: number; log?: (s: string) => void }): Promise<SeedReport> {
  const log = opts.log ?? (() => {});
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // ---- bodies: the real ones are already there (seed); add institutions up to opts.bodies
    const have = Number((await client.query('select count(*)::int n from bodies')).rows[0].n);
    const extra = extraBodies(Math.max(0, opts.bodies - have));
    if (extra.length) {
      await client.query(
        `insert into bodies (code, kind, name_ko, name_en, parent_id)
         select code, kind, name_ko, name_en, (select id from bodies where code = 'GG') from json_populate_recordset(null::bodies, $1::json)
         on conflict (code) do nothing`,
        [JSON.stringify(extra.map((b) => ({ code: b.code, kind: b.kind, name_ko: b.nameKo, name_en: b.nameEn })))],
      );
    }
    const bodyRows = (await client.query('select id, code, kind, name_ko from bodies order by id')).rows as { id: number; code: string; kind: string; name_ko: string }[];
    const refs: BodyRef[] = bodyRows.map((b) => ({ id: b.id, code: b.code, kind: b.kind, nameKo: b.name_ko }));
    const bodies = { real: refs.filter((b) => !b.code.startsWith('BENCH-')), extra: refs.filter((b) => b.code.startsWith('BENCH-')) };

    // ---- secondary indexes are dropped during the load and rebuilt afterwards with the same definitions
    const idx = (await client.query(
      `select i.indexname, i.indexdef from pg_indexes i
       where i.schemaname = current_schema() and i.tablename = any($1)
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
      [TABLES],
    )).rows as { indexname: string; indexdef: string }[];
    for (const i of idx) await client.query(`drop index ${i.indexname}`);
    // The rows are consistent by construction: skip the per-row foreign-key triggers when allowed
    // (superuser); they are checked once at the end instead.
    const fkOff = await client.query(`set session_replication_role = replica`).then(() => true, () => false);

    let serviceId = Number((await client.query('select coalesce(max(id), 0)::int n from services')).rows[0].n);
    let versionId = Number((await client.query('select coalesce(max(id), 0)::int n from service_versions')).rows[0].n);
    const counters = new Map<number, number>(
      (await client.query('select year, last from public_id_counters')).rows.map((r: { year: number; last: number }) => [r.year, r.last]),
    );

    const r = rng(opts.seed);
    const batch = opts.batch ?? 2000;
    let validated = 0;
    let versions = 0;
    const t0 = performance.now();

    const known = new Set<string>();
    const build = (n: number) => {
      const services: object[] = [], vers: object[] = [], search: object[] = [], outcomes: object[] = [], datasets: object[] = [], index: object[] = [], vocab: object[] = [];
      for (let k = 0; k < n; k++) {
        const g: GeneratedService = generateService(r, bodies);
        const first = g.versions[0].publishedAt;
        const year = first.getFullYear();
        const no = (counters.get(year) ?? 0) + 1;
        counters.set(year, no);
        const id = ++serviceId;
        let current = 0;
        g.versions.forEach((v, i) => {
          current = ++versionId;
          vers.push({ id: current, service_id: id, version_no: i + 1, schema_version: v.disclosure.schemaVersion, disclosure: v.disclosure, change_reason: v.changeReason, published_at: v.publishedAt, published_by: 'bench' });
        });
        versions += g.versions.length;
        services.push({ id, public_id: `GG-${year}-${String(no).padStart(4, '0')}`, body_id: g.body.id, is_example: false, current_version_id: current, created_at: first, updated_at: g.versions.at(-1)!.publishedAt });
        const last = g.versions.at(-1)!;
        if (id % 500 === 1) {
          // What publishService would store must be exactly what we store.
          const parsed = validateDisclosure(last.disclosure);
          if (!isDeepStrictEqual(JSON.parse(JSON.stringify(parsed)), JSON.parse(JSON.stringify(last.disclosure)))) throw new Error(`generated disclosure ${id} changes under validation`);
          validated++;
        }
        const d = last.disclosure as unknown as Disclosure;
        const c = classify(d);
        const doc = searchDocument(d, g.body.nameKo);
        search.push({
          service_id: id, body_id: g.body.id, body_kind: g.body.kind, field: d.field, tech_types: d.technologyTypes, status: d.status,
          personal: d.personalInfo.processesPersonal, high_impact: c.highImpact, generative: c.generative, is_example: false,
          name: d.name.ko, name_en: d.name.en ?? null, summary: d.summary.ko, summary_en: d.summary.en ?? null, doc,
          start_date: d.startDate ?? null, published_at: last.publishedAt, first_published_at: first,
        });
        const terms = indexKeys(doc, [d.name.ko, d.name.en], [d.summary.ko, d.summary.en]);
        index.push({
          service_id: id, body_id: g.body.id, published_at: last.publishedAt, first_published_at: first, terms,
          facets: packFacets({ field: d.field, status: d.status, bodyKind: g.body.kind, techTypes: d.technologyTypes, personal: d.personalInfo.processesPersonal, highImpact: c.highImpact, generative: c.generative, isExample: false }),
        });
        for (const v of vocabularyOf(doc)) if (!known.has(v.word)) { known.add(v.word); vocab.push(v); }
        for (const o of d.outcomes) for (const v of o.values) outcomes.push({ service_id: id, indicator: o.name.ko, unit: o.unit ?? null, period_date: v.date, value: v.value });
        for (const s of d.data.datasets) datasets.push({ service_id: id, name: s.name, source_body: s.sourceBody ?? null, kind: s.kind, personal: s.personal });
      }
      return [services, vers, search, outcomes, datasets, index, vocab];
    };

    // Explicit column lists: columns added by later migrations keep their defaults.
    const fromJson = (table: string, rows: object[], param: string) => {
      const c = Object.keys(rows[0]).join(', ');
      return `insert into ${table} (${c}) select ${c} from json_populate_recordset(null::${table}, ${param}::json)`;
    };
    // One statement per batch (atomic, one round trip): PostgreSQL writes it while the next batch is
    // generated. services and their current versions reference each other; the foreign keys are
    // checked at the end of the statement, when both rows exist.
    const insert = ([services, vers, search, outcomes, datasets, index, vocab]: object[][]) => {
      const parts = [fromJson('services', services, '$1'), fromJson('service_versions', vers, '$2'), fromJson('service_search', search, '$3'), fromJson('service_index', index, '$4')];
      const params = [services, vers, search, index];
      if (vocab.length) { params.push(vocab); parts.push(fromJson('search_words', vocab, '$' + params.length)); }
      if (outcomes.length) { params.push(outcomes); parts.push(fromJson('outcome_values', outcomes, '$' + params.length)); }
      if (datasets.length) { params.push(datasets); parts.push(fromJson('service_datasets', datasets, '$' + params.length)); }
      const text = 'with ' + parts.map((p, i) => `w${i} as (${p} returning 1)`).join(', ') + ' select ' + parts.map((_, i) => `(select count(*) from w${i})`).join(', ');
      return client.query(text, params.map((p) => JSON.stringify(p))).then(() => undefined);
    };

    // Generate the next batch while PostgreSQL writes the previous one.
    let pending: Promise<void> | undefined;
    let buildMs = 0;
    let waitMs = 0;
    for (let done = 0; done < opts.services; ) {
      const n = Math.min(batch, opts.services - done);
      const tb = performance.now();
      const rows = build(n);
      const tw = performance.now();
      buildMs += tw - tb;
      await pending;
      waitMs += performance.now() - tw;
      pending = insert(rows);
      done += n;
      if (done % 20000 === 0 || done === opts.services) log(`  ${done.toLocaleString('en')} services (${((performance.now() - t0) / 1000).toFixed(1)} s; generating ${(buildMs / 1000).toFixed(1)} s, waiting for the database ${(waitMs / 1000).toFixed(1)} s)`);
    }
    await pending;
    const insertMs = performance.now() - t0;

    await client.query(`select setval('services_id_seq', (select max(id) from services))`);
    await client.query(`select setval('service_versions_id_seq', (select max(id) from service_versions))`);
    await client.query(
      `insert into public_id_counters (year, last) select * from json_populate_recordset(null::public_id_counters, $1::json)
       on conflict (year) do update set last = excluded.last`,
      [JSON.stringify([...counters].map(([year, last]) => ({ year, last })))],
    );

    if (fkOff) {
      await client.query(`set session_replication_role = origin`);
      const orphans = (await client.query(`
        select (select count(*) from services s where not exists (select 1 from service_versions v where v.id = s.current_version_id))
             + (select count(*) from service_versions v where not exists (select 1 from services s where s.id = v.service_id))
             + (select count(*) from service_search x where not exists (select 1 from services s where s.id = x.service_id))
             + (select count(*) from service_search x where not exists (select 1 from bodies b where b.id = x.body_id))
             + (select count(*) from services s where not exists (select 1 from bodies b where b.id = s.body_id))
             + (select count(*) from outcome_values o where not exists (select 1 from services s where s.id = o.service_id))
             + (select count(*) from service_datasets d where not exists (select 1 from services s where s.id = d.service_id)) as n`)).rows[0].n;
      if (Number(orphans) !== 0) throw new Error(`bulk load left ${orphans} rows without their referenced row`);
    }

    // Row triggers were off for the load (replica role): count the whole-registry facet totals once.
    await client.query('select rebuild_facet_totals()');
    const t1 = performance.now();
    await client.query(`set maintenance_work_mem = '256MB'`);
    for (const i of idx) await client.query(i.indexdef);
    const indexMs = performance.now() - t1;
    const t2 = performance.now();
    await client.query('vacuum (analyze) bodies, services, service_versions, service_search, service_index, search_words, outcome_values, service_datasets');
    const analyzeMs = performance.now() - t2;
    return { services: opts.services, versions, bodies: refs.length, insertMs, indexMs, analyzeMs, validated };
  } finally {
    await client.end();
  }
}
