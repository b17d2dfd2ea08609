/**
 * SQL of the posting bitmaps of frequent terms and of the index records kept in memory (migration
 * 010). A marked term is its mark ('' text, '^' name, '~' summary) followed by the query term.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { indexScans, termKeys } from './search-index.repository.ts';

type Db = Kysely<DB> | Transaction<DB> | Kysely<any>;

export const MARKS = ['', '^', '~'] as const;
const markOf = (marked: string) => (marked[0] === '^' || marked[0] === '~' ? marked[0] : '');

/**
 * The index records (16 bytes each, see RawMatch) of the services with ids in [from, to), the
 * generation, and the highest service id: the records are read in ranges so that no single
 * answer holds them all.
 */
export async function recordRange(db: Db, from: number, to: number): Promise<{ gen: string; recs: Uint8Array | null; max_id: number | null }> {
  const { rows } = await sql<{ gen: string; recs: Uint8Array | null; max_id: number | null }>`
    select (select n::text from registry_generation) as gen, (select max(service_id) from service_index) as max_id,
      (select string_agg(rec, ''::bytea) from service_index where service_id >= ${from} and service_id < ${to}) as recs`.execute(db);
  return rows[0];
}

export interface RawPostings {
  gen: string;
  /** Blocks of 1,024 ids changed since the given generation (int4 each; -1: everything, re-read all). */
  blocks: Uint8Array | null;
  /** The index records of those blocks now (16 bytes each). */
  recs: Uint8Array | null;
  /** Which of the asked terms are kept as postings. */
  kept: string[] | null;
  /** Per kept block of a term: the term's position in the list (int4), the block (int4) and its 128 bytes of bits. */
  bits: Uint8Array | null;
}

/**
 * In one statement (one snapshot): the generation, the index blocks changed since `since` with
 * their records, and the posting blocks of the given marked terms.
 */
export async function readPostings(db: Db, terms: string[], since: string): Promise<RawPostings> {
  const { rows } = await sql<RawPostings>`
    with changed as materialized (select block from index_blocks where rev > ${since}::bigint)
    select (select n::text from registry_generation) as gen,
      (select string_agg(int4send(block), ''::bytea) from changed) as blocks,
      (select string_agg(i.rec, ''::bytea) from changed c join service_index i on i.service_id between c.block * 1024 and c.block * 1024 + 1023 where c.block >= 0) as recs,
      (select json_agg(term) from search_postings where term = any(${sql.val(terms)}::text[])) as kept,
      (select string_agg(int4send(t.ord::int) || int4send(b.block) || substring(varbit_send(b.bits) from 5), ''::bytea)
        from unnest(${sql.val(terms)}::text[]) with ordinality t(term, ord)
        cross join lateral (select block, bits from search_posting_blocks p where p.term = t.term collate "C") b) as bits`.execute(db);
  return rows[0];
}

/**
 * Keeps a marked term as a posting bitmap, built from the index under the generation's lock, so
 * no publish commits between the read and the row trigger taking over (migration 010). False
 * when it was kept already (another process made it first).
 */
export async function keepPosting(db: Kysely<DB> | Kysely<any>, marked: string): Promise<boolean> {
  const mark = markOf(marked);
  const term = marked.slice(mark.length);
  return (db as Kysely<DB>).transaction().execute(async (trx) => {
    await sql`select n from registry_generation for update`.execute(trx);
    const { rows } = await sql<{ term: string }>`insert into search_postings (term, made_gen) select ${marked}, n from registry_generation
      on conflict (term) do nothing returning term`.execute(trx);
    if (!rows.length) return false;
    await indexScans(trx, { terms: [term], facets: {} }, (t) => sql`
      insert into search_posting_blocks (term, block, bits)
      select ${marked}, i.service_id >> 10, bit_or(set_bit(B'0'::bit(1024), i.service_id & 1023, 1))
      from service_index i where i.terms && ${termKeys(term, [mark])} group by 2`.execute(t));
    return true;
  });
}

/** How many terms are kept as postings. */
export async function countPostings(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from search_postings`.execute(db);
  return rows[0].n;
}
