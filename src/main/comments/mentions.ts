import { sql, type Kysely, type SqlBool } from 'kysely'
import type { CommentMention } from '../../shared/domain/comments'
import { handleOf, mentions } from '../../shared/mentions'
import type { Reads } from '../db/held-connection'
import { prepare } from '../db/prepared'
import type { Database } from '../db/schema'
import { findComment } from './queries'

// Comments by others that mention the local user (@ + the local part of their
// email, as the server reads mentions), newest first, for Home. The full-text
// index of comments finds the few that hold the handle's words (LIKE '%@x%'
// alone read all 2,000,000 comments of the benchmark's database: 0.7-1 s in
// which the main process answered nothing else, after every visit to Home);
// LIKE narrows (ASCII case-insensitive, as handles are); the server's rule decides.

const ME = prepare((db, _v: { none: number }) => db.selectFrom('users').select(['id', 'email']).where('is_me', '=', 1))

/**
 * The comment_search query for every comment that can hold @handle: the handle's
 * words (it is split at . _ - as the index splits text) as a phrase, the last a
 * prefix (a non-ASCII letter right after a mention is part of that word for the
 * index, not for the server's rule). Null for a handle without a letter or digit.
 */
export function mentionPhrase(handle: string): string | null {
  const words = handle.split(/[^A-Za-z0-9]+/).filter(Boolean)
  return words.length ? `"${words.join(' ')}" *` : null
}

const CANDIDATES = prepare((db, v: { pattern: string; me: string; phrase: string }) =>
  candidates(db, v).where(sql<SqlBool>`comments.seq IN (SELECT rowid FROM comment_search WHERE comment_search MATCH ${v.phrase})`),
)
/** For a handle the index cannot find (no letter or digit): every comment is read. */
const CANDIDATES_BY_SCAN = prepare((db, v: { pattern: string; me: string }) => candidates(db, v))

function candidates(db: Kysely<Database>, v: { pattern: string; me: string }) {
  return db
    .selectFrom('comments')
    .leftJoin('accounts', 'accounts.id', 'comments.account_id')
    .leftJoin('contacts', 'contacts.id', 'comments.contact_id')
    .leftJoin('cases', 'cases.id', 'comments.case_id')
    .select(['comments.id', 'comments.body', 'accounts.name as account_name', 'contacts.first_name', 'contacts.last_name', 'cases.name as case_name'])
    .where('comments.body', 'like', v.pattern)
    .where((eb) => eb.or([eb('comments.author_id', 'is', null), eb('comments.author_id', '<>', v.me)]))
    .orderBy('comments.created_at', 'desc')
    .limit(200)
}

export async function mentionsOfMe(db: Reads, limit = 20): Promise<CommentMention[]> {
  const me = await ME.first(db, { none: 0 })
  const handle = me && handleOf(me.email)
  if (!me || !handle) return []
  // An _ in a handle matches any character in LIKE: it only narrows, mentions() decides.
  const pattern = `%@${handle}%`
  const phrase = mentionPhrase(handle)
  const rows = phrase ? await CANDIDATES.all(db, { pattern, me: me.id, phrase }) : await CANDIDATES_BY_SCAN.all(db, { pattern, me: me.id })
  const out: CommentMention[] = []
  for (const row of rows) {
    if (!mentions(row.body, handle)) continue
    const comment = await findComment(db, row.id)
    if (!comment) continue
    const title = row.account_name ?? row.case_name ?? `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim()
    out.push({ comment, parentTitle: title })
    if (out.length >= limit) break
  }
  return out
}
