import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { keyContains, textKey } from '../records/keys'

// "Name contains" filters are LIKE '%term%', which no B-tree index can serve:
// on a large table every row would be read to count the matches. The trigram
// indexes of migrations/0003 find the rows that may contain the term; the
// exact LIKE still runs on those, so the answer is the same as before.

export type TrigramIndex = 'accounts_trigram' | 'contacts_trigram' | 'cases_trigram' | 'accounts_city_trigram' | 'contacts_city_trigram'

/** Trigrams need three characters; shorter terms are left to the LIKE alone. */
const MIN_LENGTH = 3

/**
 * `seq IN (rows whose trigram index holds the term)`, or undefined when the
 * term is too short to narrow anything. The trigram match folds case and is
 * never narrower than the caller's LIKE, so it only removes rows that cannot match.
 */
export function trigramCandidates(index: TrigramIndex, seqColumn: string, indexedColumn: string, term: string): RawBuilder<SqlBool> | undefined {
  const match = trigramMatch(indexedColumn, term)
  return match === undefined ? undefined : sql<SqlBool>`${sql.ref(seqColumn)} IN (SELECT rowid FROM ${sql.table(index)} WHERE ${sql.table(index)} MATCH ${match})`
}

/** One quoted FTS5 phrase: every character of the term is literal, quotes doubled. Undefined when too short. */
function trigramMatch(indexedColumn: string, term: string): string | undefined {
  const key = textKey(term.trim())
  if ([...key].length < MIN_LENGTH) return undefined
  return `${indexedColumn} : "${key.replace(/"/g, '""')}"`
}

/** A list filtered by one "contains" filter and its state only: the case counted without reading the rows. */
export interface SoleSubstring {
  table: 'accounts' | 'contacts' | 'cases'
  index: TrigramIndex
  /** The key column, named the same in the table and in its trigram index. */
  column: 'name_key' | 'email_key' | 'city_key'
  term: string
}

type Q = Kysely<Database> | Transaction<Database>

/**
 * The exact total of a sole "contains" filter. A trigram phrase matches
 * exactly the keys that contain the term, so the index counts every match
 * (active or not) without touching a row; the closed ones are counted from
 * the (is_active, key) index (migrations/0007), which reads no row either:
 * closed records are few. Undefined when the term is too short for trigrams.
 */
export async function soleSubstringTotal(db: Q, s: SoleSubstring, state: 'active' | 'closed' | 'all'): Promise<number | undefined> {
  const match = trigramMatch(s.column, s.term)
  if (match === undefined) return undefined
  const closed = async () => {
    const row = await db
      .selectFrom(s.table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('is_active', '=', 0)
      .where(keyContains(`${s.table}.${s.column}`, s.term))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  if (state === 'closed') return closed()
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(s.index)} WHERE ${sql.table(s.index)} MATCH ${match}`.execute(db)
  const all = Number(rows[0]?.n ?? 0)
  return state === 'all' ? all : all - (await closed())
}

/**
 * `+column`: the same value, but SQLite will not drive the query by an index
 * on it. With trigram candidates present they are the few rows to start from;
 * without stats SQLite would otherwise walk the whole "is_active" index.
 */
export function notIndexed<T = number>(column: string): RawBuilder<T> {
  return sql<T>`+${sql.ref(column)}`
}
