import type { CommentMention } from '../../shared/domain/comments'
import { handleOf, mentions } from '../../shared/mentions'
import type { Reads } from '../db/held-connection'
import { prepare } from '../db/prepared'
import { findComment } from './queries'

// Comments by others that mention the local user (@ + the local part of their
// email, as the server reads mentions), newest first, for Home. LIKE narrows
// (ASCII case-insensitive, as handles are), the server's rule decides.

const ME = prepare((db, _v: { none: number }) => db.selectFrom('users').select(['id', 'email']).where('is_me', '=', 1))

const CANDIDATES = prepare((db, v: { pattern: string; me: string }) =>
  db
    .selectFrom('comments')
    .leftJoin('accounts', 'accounts.id', 'comments.account_id')
    .leftJoin('contacts', 'contacts.id', 'comments.contact_id')
    .leftJoin('cases', 'cases.id', 'comments.case_id')
    .select(['comments.id', 'comments.body', 'accounts.name as account_name', 'contacts.first_name', 'contacts.last_name', 'cases.name as case_name'])
    .where('comments.body', 'like', v.pattern)
    .where((eb) => eb.or([eb('comments.author_id', 'is', null), eb('comments.author_id', '<>', v.me)]))
    .orderBy('comments.created_at', 'desc')
    .limit(200),
)

export async function mentionsOfMe(db: Reads, limit = 20): Promise<CommentMention[]> {
  const me = await ME.first(db, { none: 0 })
  const handle = me && handleOf(me.email)
  if (!me || !handle) return []
  // An _ in a handle matches any character in LIKE: it only narrows, mentions() decides.
  const rows = await CANDIDATES.all(db, { pattern: `%@${handle}%`, me: me.id })
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
