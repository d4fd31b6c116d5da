import { sql } from 'kysely'
import type { SearchHitKind } from '../../shared/domain/records'
import type { Reads } from '../db/held-connection'
import { boundLimit, prepare } from '../db/prepared'
import { textKey } from '../records/keys'

// The names that begin with what the user typed, from the name keys' B-tree
// indexes: a whole name equal to it first, then names starting with it. They
// come before every other match (see search/handlers.ts); each lookup reads
// only the few index entries in its range.

const KIND_CODE = { account: 0, contact: 1, case: 2 } as const
type RecordKind = keyof typeof KIND_CODE

/** Past every key that starts with the term (U+10FFFF sorts after every other character in UTF-8). */
const AFTER_PREFIX = '\u{10FFFF}'

const ACCOUNTS = prepare((_db, v: { from: string; to: string; limit: number }) =>
  sql<{ seq: number; key: string }>`SELECT seq, name_key AS key FROM accounts WHERE name_key >= ${v.from} AND name_key < ${v.to} ORDER BY name_key LIMIT ${boundLimit(v.limit)}`,
)
const CASES = prepare((_db, v: { from: string; to: string; limit: number }) =>
  sql<{ seq: number; key: string }>`SELECT seq, name_key AS key FROM cases WHERE name_key >= ${v.from} AND name_key < ${v.to} ORDER BY name_key LIMIT ${boundLimit(v.limit)}`,
)
// Contacts' name_key is indexed after is_active (migrations/0007): one range per state, active ones first.
const CONTACTS = prepare((_db, v: { active: number; from: string; to: string; limit: number }) =>
  sql<{ seq: number; key: string }>`SELECT seq, name_key AS key FROM contacts WHERE is_active = ${v.active} AND name_key >= ${v.from} AND name_key < ${v.to} ORDER BY name_key LIMIT ${boundLimit(v.limit)}`,
)

/** Search-index rowids (seq * 4 + kind) of the records whose name is `text`, then of those whose name starts with it; at most `limit`. */
export async function nameMatches(db: Reads, text: string, kinds: readonly SearchHitKind[], limit: number): Promise<number[]> {
  const key = textKey(text.trim()).replace(/\s+/g, ' ')
  if (!key) return []
  const range = { from: key, to: key + AFTER_PREFIX, limit }
  const want = (k: RecordKind) => kinds.includes(k)
  const [accounts, contacts, closedContacts, cases] = await Promise.all([
    want('account') ? ACCOUNTS.all(db, range) : [],
    want('contact') ? CONTACTS.all(db, { ...range, active: 1 }) : [],
    want('contact') ? CONTACTS.all(db, { ...range, active: 0 }) : [],
    want('case') ? CASES.all(db, range) : [],
  ])
  const found: { kind: RecordKind; seq: number; key: string }[] = [
    ...accounts.map((r) => ({ kind: 'account' as const, ...r })),
    ...[...contacts, ...closedContacts].map((r) => ({ kind: 'contact' as const, ...r })),
    ...cases.map((r) => ({ kind: 'case' as const, ...r })),
  ]
  const exact = found.filter((r) => r.key === key)
  // "Pump Station" (the term as a whole first word) before "Pumpenwerk"; then shorter names, then A to Z.
  const wordEnds = (r: { key: string }) => (/[\p{L}\p{N}]/u.test(r.key.charAt(key.length)) ? 1 : 0)
  const prefix = found
    .filter((r) => r.key !== key)
    .sort((a, b) => wordEnds(a) - wordEnds(b) || a.key.length - b.key.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return [...exact, ...prefix].slice(0, limit).map((r) => r.seq * 4 + KIND_CODE[r.kind])
}
