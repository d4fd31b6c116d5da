import { sql, type RawBuilder, type SqlBool } from 'kysely'
import { type Reads } from '../db/held-connection'
import { prepareByShape } from '../db/prepared'
import { containsPattern, keyLike, textKey } from '../records/keys'
import { gramMatch } from './grams'

// "Name contains" filters are LIKE '%term%', which no B-tree index can serve:
// on a large table every row would be read to count the matches. The
// substring indexes (search/grams.ts, migrations/0010) find exactly the rows
// whose key contains the term; the LIKE still runs where the index only
// narrows, so the answer is the same as without them.

// contact_search (migrations/0017) is the contacts' index for names and emails: its name_key_* and email_key_* columns are such grams.
export type SubstringIndex = 'accounts_grams' | 'contact_search' | 'cases_grams' | 'accounts_city_grams' | 'contacts_city_grams'

/**
 * `seq IN (rows whose substring index holds the term)`, for a `match` from
 * substringMatch. The match folds case as the keys do and is never narrower
 * than the caller's LIKE, so it only removes rows that cannot match.
 */
export function substringCandidates(index: SubstringIndex, seqColumn: string, match: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(seqColumn)} IN (SELECT rowid FROM ${sql.table(index)} WHERE ${sql.table(index)} MATCH ${match})`
}

/** The index query for keys in `keyColumn` containing `term` (for substringCandidates); undefined when the term is too short. */
export function substringMatch(keyColumn: string, term: string): string | undefined {
  return gramMatch(keyColumn, textKey(term.trim()))
}

/** A list filtered by one "contains" filter and its state only: the case counted without reading the rows. */
export interface SoleSubstring {
  table: 'accounts' | 'contacts' | 'cases'
  index: SubstringIndex
  /** The key column; its index's columns are named after it (gramColumns). */
  column: 'name_key' | 'email_key' | 'city_key'
  term: string
}

const CLOSED_MATCHES = prepareByShape((db, s: Pick<SoleSubstring, 'table' | 'column'>, v: { pattern: string }) =>
  db
    .selectFrom(s.table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_active', '=', 0)
    .where(keyLike(`${s.table}.${s.column}`, v.pattern)),
)

const ALL_MATCHES = prepareByShape((_db, s: Pick<SoleSubstring, 'index'>, v: { match: string }) =>
  sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(s.index)} WHERE ${sql.table(s.index)} MATCH ${v.match}`,
)

// One JSON text built by SQLite: thousands of rows handed to JavaScript one by one cost more than the search.
const ALL_HITS = prepareByShape((_db, s: Pick<SoleSubstring, 'index'>, v: { match: string }) =>
  sql<{ n: number; seqs: string }>`SELECT count(*) AS n, json_group_array(rowid) AS seqs FROM ${sql.table(s.index)} WHERE ${sql.table(s.index)} MATCH ${v.match}`,
)

/**
 * The rows (seq, any state) whose key contains a sole filter's term, as a
 * JSON list: for a list that reads its page from them, so the substring index
 * is searched once for the total and the page, not twice. Undefined when the
 * term is too short for the index.
 */
export async function substringHits(db: Reads, s: SoleSubstring): Promise<{ count: number; json: string } | undefined> {
  const match = substringMatch(s.column, s.term)
  if (match === undefined) return undefined
  const row = await ALL_HITS({ index: s.index }).first(db, { match })
  return { count: Number(row?.n ?? 0), json: row?.seqs ?? '[]' }
}

/**
 * The exact total of a sole "contains" filter. A substring phrase matches
 * exactly the keys that contain the term, so the index counts every match
 * (active or not) without touching a row; the closed ones are counted from
 * the (is_active, key) index (migrations/0007), which reads no row either:
 * closed records are few. `hits`, when the caller already read them
 * (substringHits), stand for the index's count. Undefined when the term is too
 * short for the index.
 */
export async function soleSubstringTotal(db: Reads, s: SoleSubstring, state: 'active' | 'closed' | 'all', hits?: { count: number }): Promise<number | undefined> {
  const match = substringMatch(s.column, s.term)
  if (match === undefined) return undefined
  const closed = async () => Number((await CLOSED_MATCHES({ table: s.table, column: s.column }).first(db, { pattern: containsPattern(s.term) }))?.n ?? 0)
  if (state === 'closed') return closed()
  const all = hits?.count ?? Number((await ALL_MATCHES({ index: s.index }).first(db, { match }))?.n ?? 0)
  return state === 'all' ? all : all - (await closed())
}

/**
 * `+column`: the same value, but SQLite will not drive the query by an index
 * on it. With substring candidates present they are the few rows to start from;
 * without stats SQLite would otherwise walk the whole "is_active" index.
 */
export function notIndexed<T = number>(column: string): RawBuilder<T> {
  return sql<T>`+${sql.ref(column)}`
}
