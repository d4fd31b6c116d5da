import { sql, type RawBuilder, type SqlBool } from 'kysely'
import { type Reads } from '../db/held-connection'
import { prepare } from '../db/prepared'
import { keyLike, textKey } from '../records/keys'
import { gramMatch, pairMatch } from '../search/grams'

// The contacts list's search box: a contact matches when its name, email,
// organization, title or its account's name contains the term. From three
// characters on, one substring index holds all of them (contact_search,
// migrations/0017, the account's name kept there when the account is renamed),
// and its phrase matches exactly the keys that contain the term, so its hits
// are the answer without a LIKE. Two characters match names only, from the
// same index (its name columns and the name's last two characters); a single
// character is left to a LIKE over names (searchLike).

/** The keys contact_search indexes, as gramColumns names its columns. */
const SEARCHED_KEYS = ['name_key', 'email_key', 'organization_key', 'title_key', 'account_name_key'] as const

const HITS = prepare((_db, v: { match: string }) =>
  sql<{ n: number; seqs: string }>`SELECT count(*) AS n, json_group_array(rowid) AS seqs FROM contact_search WHERE contact_search MATCH ${v.match}`,
)

/** The contact_search query for a search term in a state; undefined for a term of one character (or none). */
export function contactSearchMatch(term: string, state: 'active' | 'closed' | 'all'): string | undefined {
  const key = textKey(term.trim())
  const match = gramMatch(SEARCHED_KEYS, key) ?? pairMatch('name_key', 'name_key_end', key)
  if (match === undefined || state === 'all') return match
  // Closed contacts hold the token 'closed' in is_closed (migrations/0017).
  return `(${match}) ${state === 'active' ? 'NOT' : 'AND'} is_closed : closed`
}

/**
 * The contacts (seq) in `state` the search `term` finds, as a JSON list in
 * seq order, and how many; undefined when the term is too short for the index
 * (then searchLike decides row by row).
 */
export async function contactSearchHits(db: Reads, term: string, state: 'active' | 'closed' | 'all'): Promise<{ count: number; json: string } | undefined> {
  const match = contactSearchMatch(term, state)
  if (match === undefined) return undefined
  const row = await HITS.first(db, { match })
  return { count: Number(row?.n ?? 0), json: row?.seqs ?? '[]' }
}

/**
 * A term of one character is looked for in names only, as the name filter
 * does: across every field it would read every row and fold each
 * organization and title in JavaScript (seconds on 300,000 contacts), while
 * a short term is mostly a search still being typed. `pattern` is a
 * containsPattern.
 */
export function searchLike(pattern: string): RawBuilder<SqlBool> {
  return keyLike('contacts.name_key', pattern)
}
