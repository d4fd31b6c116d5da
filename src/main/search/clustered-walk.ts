import type { Expression, Kysely, SqlBool } from 'kysely'
import { boundLimit } from '../db/prepared'
import type { Database } from '../db/schema'

// The page of a list whose matches cluster in its sort order, read by walking
// that order for at most a budget of rows (clusteredWalkBudget in
// list-totals.ts): the first `budget` rows of the state in the key's order,
// those that match, the page of them. Accounts walk their names, contacts
// their last names, each along an index on (is_active, key) with seq after it.

/** The tables walked, each with the key its order follows. */
const WALKED_KEY = { accounts: 'name_key', contacts: 'last_name' } as const

/** The columns a walk reads, the same in both tables. */
interface WalkedColumns {
  seq: number
  is_active: number
  name_key: string
  last_name: string
}

export interface WalkValues {
  active: number
  budget: number
  limit: number
  offset: number
}

/** The walked rows' columns, for the match condition. */
export const WALKED = Object.freeze({ seq: 'walked.seq', key: 'walked.walk_key' })

/**
 * The seqs of the walk's page, in order, as a subquery; `matches` tells the
 * walked rows to keep (it reads WALKED's columns). The caller checks that the
 * page came out complete (walkCompleted).
 */
export function walkedPageSeqs(db: Kysely<Database>, table: keyof typeof WALKED_KEY, direction: 'asc' | 'desc', v: WalkValues, matches: Expression<SqlBool>) {
  // Both tables have these columns; seen through one shape, the walk is written once for either.
  const walkable = db as unknown as Kysely<Record<keyof typeof WALKED_KEY, WalkedColumns>>
  const key = WALKED_KEY[table]
  const walked = walkable
    .selectFrom(table)
    .select(['seq', `${key} as walk_key`])
    .where('is_active', '=', v.active)
    .orderBy(key, direction)
    .orderBy('seq', direction)
    .limit(boundLimit(v.budget))
  return walkable
    .selectFrom(walked.as('walked'))
    .select('walked.seq')
    .where(matches)
    .orderBy('walked.walk_key', direction)
    .orderBy('walked.seq', direction)
    .limit(boundLimit(v.limit))
    .offset(v.offset)
}

/** Whether a walk's rows are the whole page: it is full, or it reaches the last of the `total` matches. */
export function walkCompleted(rowCount: number, f: { limit: number; offset: number }, total: number): boolean {
  return rowCount === f.limit || f.offset + rowCount >= total
}
