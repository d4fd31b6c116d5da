import { sql, type RawBuilder, type SqlBool } from 'kysely'
import { textKey } from '../records/keys'

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
  const key = textKey(term.trim())
  if ([...key].length < MIN_LENGTH) return undefined
  // One quoted FTS5 phrase: every character of the term is literal, quotes doubled.
  const match = `${indexedColumn} : "${key.replace(/"/g, '""')}"`
  return sql<SqlBool>`${sql.ref(seqColumn)} IN (SELECT rowid FROM ${sql.table(index)} WHERE ${sql.table(index)} MATCH ${match})`
}

/**
 * `+column`: the same value, but SQLite will not drive the query by an index
 * on it. With trigram candidates present they are the few rows to start from;
 * without stats SQLite would otherwise walk the whole "is_active" index.
 */
export function notIndexed<T = number>(column: string): RawBuilder<T> {
  return sql<T>`+${sql.ref(column)}`
}
