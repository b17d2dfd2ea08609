import { sql } from 'kysely';
import type { Db } from '../services/services.repository.ts';

export interface YearStats {
  year: number;
  started: number; // services that started operating that year (or were first registered, without a start date)
  cumulative: number;
  highImpact: number;
  personal: number;
  generative: number;
  byField: Record<string, number>;
  byBodyKind: Record<string, number>;
}

/** Statistics over time, by the year a service started (its first registration when no start date is given). */
export async function statisticsByYear(db: Db): Promise<YearStats[]> {
  const year = sql`extract(year from coalesce(start_date, (first_published_at at time zone 'Asia/Seoul')::date))::int`;
  const { rows } = await sql<{ year: number; dim: string; key: string; n: number }>`
    with s as (select ${year} as year, field, body_kind, high_impact, personal, generative from service_search)
    select year, 'total' as dim, '' as key, count(*)::int as n from s group by year
    union all select year, 'highImpact', '', count(*)::int from s where high_impact group by year
    union all select year, 'personal', '', count(*)::int from s where personal group by year
    union all select year, 'generative', '', count(*)::int from s where generative group by year
    union all select year, 'field', field, count(*)::int from s group by year, field
    union all select year, 'bodyKind', body_kind, count(*)::int from s group by year, body_kind`.execute(db);
  const byYear = new Map<number, YearStats>();
  for (const r of rows) {
    const y = byYear.get(r.year) ?? { year: r.year, started: 0, cumulative: 0, highImpact: 0, personal: 0, generative: 0, byField: {}, byBodyKind: {} };
    if (r.dim === 'total') y.started = r.n;
    else if (r.dim === 'highImpact') y.highImpact = r.n;
    else if (r.dim === 'personal') y.personal = r.n;
    else if (r.dim === 'generative') y.generative = r.n;
    else if (r.dim === 'field') y.byField[r.key] = r.n;
    else y.byBodyKind[r.key] = r.n;
    byYear.set(r.year, y);
  }
  let running = 0;
  return [...byYear.values()].sort((a, b) => a.year - b.year).map((y) => ({ ...y, cumulative: (running += y.started) }));
}
