import { sql, type Kysely } from 'kysely';

/**
 * Posting bitmaps of frequent search terms and block versions of the index, so that a search for a
 * frequent term reads a few hundred small rows instead of visiting every matching index row.
 *
 * - `search_postings`: the terms kept as bitmaps, each with its mark ('' in the text, '^' in the
 *   name, '~' in the summary: 복지, ^복지, ~복지). A term is added by the application after a
 *   search found it frequent (search-postings.repository.ts); `registry reindex` and a truncate
 *   (restore) remove them all.
 * - `search_posting_blocks`: per term and block of 1,024 service ids, one bit per service whose
 *   index keys contain the term (posting_flip below: the same rule as the search statement's).
 *   A row trigger keeps them exact in the writing transaction; a republish with the same keys
 *   costs nothing.
 * - `index_blocks`: per block of 1,024 service ids, the generation of the last change to its
 *   index rows (insert, update or delete), so a copy of the index records in memory re-reads only
 *   the blocks changed since it was made. Block -1 is raised by a truncate: everything changed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table search_postings (term text collate "C" primary key, made_gen bigint not null)`.execute(db);
  await sql`create table search_posting_blocks (
    term text collate "C" not null references search_postings (term) on delete cascade,
    block int not null, bits bit(1024) not null, primary key (term, block))`.execute(db);
  await sql`create table index_blocks (block int primary key, rev bigint not null)`.execute(db);
  await sql`create index index_blocks_rev_idx on index_blocks (rev)`.execute(db);

  // The index keys of a row as text per mark ('' unmarked, '^' name, '~' summary), the keys one a
  // line, marks removed. A marked term (mark + term) is in the row when its term occurs in the text
  // of its mark: a two-character term is a bigram key of its own (bigrams never cross words), a
  // longer or shorter one lies inside a word key; the search statement's rule (termKeys), evaluated
  // with one strpos per kept term.
  await sql`
    create function keys_by_mark(keys text[]) returns table (mark text, keys text) language sql immutable parallel safe as $$
      select m, string_agg(case when m = '' then k else substr(k, 2) end, E'\n')
      from (select k, case when left(k, 1) in ('^', '~') then left(k, 1) else '' end as m from unnest(keys) k) x group by m
    $$`.execute(db);
  // one service's bits: set for the terms its keys now contain, cleared for those they no longer do
  await sql`
    create function posting_flip(sid int, was text[], now_ text[]) returns void language sql as $$
      with old_keys as (select * from keys_by_mark(was)), new_keys as (select * from keys_by_mark(now_)),
        kept as (select term, case when left(term, 1) in ('^', '~') then left(term, 1) else '' end as m from search_postings),
        f as (select k.term,
            coalesce((select strpos(x.keys, substr(k.term, char_length(k.m) + 1)) > 0 from old_keys x where x.mark = k.m), false) as had,
            coalesce((select strpos(x.keys, substr(k.term, char_length(k.m) + 1)) > 0 from new_keys x where x.mark = k.m), false) as has
          from kept k),
        added as (
          insert into search_posting_blocks as p (term, block, bits)
          select term, sid >> 10, set_bit(B'0'::bit(1024), sid & 1023, 1) from f where has and not had
          on conflict (term, block) do update set bits = set_bit(p.bits, sid & 1023, 1))
      update search_posting_blocks p set bits = set_bit(p.bits, sid & 1023, 0)
        from f where f.had and not f.has and p.term = f.term and p.block = sid >> 10
    $$`.execute(db);
  await sql`
    create function service_index_postings() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from search_postings) then return null; end if;
      if tg_op = 'INSERT' then perform posting_flip(new.service_id, null, new.terms);
      elsif tg_op = 'DELETE' then perform posting_flip(old.service_id, old.terms, null);
      elsif old.service_id = new.service_id then perform posting_flip(new.service_id, old.terms, new.terms);
      else perform posting_flip(old.service_id, old.terms, null); perform posting_flip(new.service_id, null, new.terms);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger service_index_postings_insert after insert on service_index for each row execute function service_index_postings()`.execute(db);
  await sql`create trigger service_index_postings_update after update on service_index for each row
    when (old.terms is distinct from new.terms or old.service_id <> new.service_id) execute function service_index_postings()`.execute(db);
  await sql`create trigger service_index_postings_delete after delete on service_index for each row execute function service_index_postings()`.execute(db);

  // Statement triggers, named to fire after service_index_changed (migration 005) has raised the
  // generation: the blocks get the generation the rows are logged under (migration 007).
  for (const [op, table] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
    await sql`
      create function ${sql.id(`service_index_blocks_${op}`)}() returns trigger language plpgsql as $$
      begin
        insert into index_blocks (block, rev) select distinct service_id >> 10, (select n from registry_generation) from ${sql.id(`${table}_rows`)}
          on conflict (block) do update set rev = excluded.rev;
        return null;
      end $$`.execute(db);
    const referencing = op === 'update' ? sql`old table as old_rows new table as new_rows` : sql`${sql.raw(table)} table as ${sql.id(`${table}_rows`)}`;
    await sql`create trigger ${sql.id(`service_index_x_blocks_${op}`)} after ${sql.raw(op)} on service_index
      referencing ${referencing} for each statement execute function ${sql.id(`service_index_blocks_${op}`)}()`.execute(db);
  }
  // an update moving a service to another id would leave its old block unmarked: mark both
  await sql`
    create or replace function service_index_blocks_update() returns trigger language plpgsql as $$
    begin
      insert into index_blocks (block, rev)
        select distinct service_id >> 10, (select n from registry_generation) from (select service_id from new_rows union all select service_id from old_rows) r
        on conflict (block) do update set rev = excluded.rev;
      return null;
    end $$`.execute(db);
  await sql`
    create function service_index_truncated_postings() returns trigger language plpgsql as $$
    begin
      delete from search_postings;
      insert into index_blocks (block, rev) select -1, n from registry_generation on conflict (block) do update set rev = excluded.rev;
      return null;
    end $$`.execute(db);
  await sql`create trigger service_index_x_truncated after truncate on service_index for each statement execute function service_index_truncated_postings()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger service_index_x_truncated on service_index`.execute(db);
  for (const op of ['insert', 'update', 'delete']) {
    await sql`drop trigger ${sql.id(`service_index_x_blocks_${op}`)} on service_index`.execute(db);
    await sql`drop trigger ${sql.id(`service_index_postings_${op}`)} on service_index`.execute(db);
    await sql`drop function ${sql.id(`service_index_blocks_${op}`)}()`.execute(db);
  }
  await sql`drop function service_index_truncated_postings()`.execute(db);
  await sql`drop function service_index_postings()`.execute(db);
  await sql`drop function posting_flip(int, text[], text[])`.execute(db);
  await sql`drop function keys_by_mark(text[])`.execute(db);
  await sql`drop table search_posting_blocks`.execute(db);
  await sql`drop table index_blocks`.execute(db);
  await sql`drop table search_postings`.execute(db);
}
