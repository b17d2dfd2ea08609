import { sql, type Kysely } from 'kysely';

/**
 * Facet counts of the whole registry, kept up to date by row triggers on service_index, so the
 * unfiltered list, the home page and the statistics need no scan. Keys follow the packed facets of
 * service_index (see src/features/services/search-index.ts; a test checks both agree): 'all',
 * 'body:<id>', 'field:<n>', 'status:<n>', 'kind:<n>', 'personal:<0|1>', 'highImpact:<0|1>',
 * 'generative:<0|1>', 'tech:<bit>'.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table facet_totals (key text collate "C" primary key, n bigint not null)`.execute(db);
  await sql`
    create function facet_keys(body_id int, facets int) returns text[] language sql immutable as $$
      select array['all', 'body:' || body_id, 'field:' || (facets & 63), 'status:' || ((facets >> 6) & 7),
                   'kind:' || ((facets >> 9) & 7), 'personal:' || ((facets >> 12) & 1),
                   'highImpact:' || ((facets >> 13) & 1), 'generative:' || ((facets >> 14) & 1)]
          || array(select 'tech:' || b from generate_series(0, 14) b where (facets >> (16 + b)) & 1 = 1)
    $$`.execute(db);
  await sql`
    create function facet_totals_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into facet_totals (key, n) select k, 1 from unnest(facet_keys(new.body_id, new.facets)) k
          on conflict (key) do update set n = facet_totals.n + 1;
      else
        update facet_totals set n = n - 1 where key = any(facet_keys(old.body_id, old.facets));
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create function rebuild_facet_totals() returns void language sql as $$
      delete from facet_totals;
      insert into facet_totals (key, n) select k, count(*) from service_index, unnest(facet_keys(body_id, facets)) k group by k;
    $$`.execute(db);
  await sql`
    create function facet_totals_truncated() returns trigger language plpgsql as $$
    begin
      delete from facet_totals;
      return null;
    end $$`.execute(db);
  await sql`create trigger service_index_facet_totals after insert or delete on service_index for each row execute function facet_totals_changed()`.execute(db);
  await sql`create trigger service_index_facet_totals_truncated after truncate on service_index for each statement execute function facet_totals_truncated()`.execute(db);
  await sql`select rebuild_facet_totals()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the registry schema is not rolled back; restore a backup instead');
}
