import { sql, type RawBuilder, type SqlBool } from 'kysely'
import { type Reads } from '../db/held-connection'
import { prepare } from '../db/prepared'
import { keyLike, textKey } from '../records/keys'
import { gramMatch } from '../search/grams'

// The contacts list's search box: a contact matches when its name, email,
// organization, title or its account's name contains the term. From three
// characters on, each is a substring index (names and emails: contacts_grams,
// migrations/0010; organization and title: contacts_work_grams, 0013; account
// names: accounts_grams), and their phrases match exactly the keys that
// contain the term, so the union of their hits is the answer without a LIKE.
// Shorter terms match names only (searchLike).

const HITS = prepare((_db, v: { nameOrEmail: string; work: string; account: string }) =>
  sql<{ n: number; seqs: string }>`SELECT count(*) AS n, json_group_array(seq) AS seqs FROM (
    SELECT rowid AS seq FROM contacts_grams WHERE contacts_grams MATCH ${v.nameOrEmail}
    UNION SELECT rowid FROM contacts_work_grams WHERE contacts_work_grams MATCH ${v.work}
    UNION SELECT seq FROM contacts WHERE account_id IN (SELECT id FROM accounts WHERE seq IN (SELECT rowid FROM accounts_grams WHERE accounts_grams MATCH ${v.account}))
  )`,
)

/**
 * The contacts (seq, any state) the search `term` finds, as a JSON list and
 * how many; undefined when the term is too short for the substring indexes
 * (then searchLike decides row by row).
 */
export async function contactSearchHits(db: Reads, term: string): Promise<{ count: number; json: string } | undefined> {
  const key = textKey(term.trim())
  const nameOrEmail = gramMatch(['name_key', 'email_key'], key)
  if (nameOrEmail === undefined) return undefined
  const row = await HITS.first(db, { nameOrEmail, work: gramMatch(['organization_key', 'title_key'], key)!, account: gramMatch('name_key', key)! })
  return { count: Number(row?.n ?? 0), json: row?.seqs ?? '[]' }
}

/**
 * A term too short for the indexes (one or two characters) is looked for in
 * names only, as the name filter does: across every field it would read
 * every row twice and fold each organization and title in JavaScript
 * (seconds on 300,000 contacts), while a short term is mostly a search still
 * being typed. `pattern` is a containsPattern.
 */
export function searchLike(pattern: string): RawBuilder<SqlBool> {
  return keyLike('contacts.name_key', pattern)
}

const CLOSED_HITS = prepare((_db, v: { hits: string }) =>
  sql<{ n: number }>`SELECT count(*) AS n FROM contacts WHERE is_active = 0 AND +seq IN (SELECT value FROM json_each(${v.hits}))`,
)

/**
 * The total of a search that is the list's only filter, without reading each
 * hit: all of them, less or only the closed ones (few, found by the
 * (is_active, ...) indexes).
 */
export async function searchTotal(db: Reads, hits: { count: number; json: string }, state: 'active' | 'closed' | 'all'): Promise<number> {
  if (state === 'all') return hits.count
  const closed = Number((await CLOSED_HITS.first(db, { hits: hits.json }))?.n ?? 0)
  return state === 'closed' ? closed : hits.count - closed
}
