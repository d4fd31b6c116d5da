import type { Kysely } from 'kysely'
import type { ParentRef, Comment } from '../../shared/domain/records'
import { type Reads } from '../db/held-connection'
import { boundLimit, perType, prepare } from '../db/prepared'
import type { Database } from '../db/schema'
import { bool } from '../records/keys'
import { PARENT_COLUMN, parentOf } from '../records/parent'

function selectComments(db: Kysely<Database>) {
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .selectAll('comments')
    .select(['users.name as author_name', 'users.email as author_email'])
}

type CommentRow = Awaited<ReturnType<ReturnType<typeof selectComments>['executeTakeFirstOrThrow']>>

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    parent: parentOf(row),
    body: row.body,
    is_internal: bool(row.is_internal),
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '', email: row.author_email ?? '' } : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  }
}

const COMMENT_BY_ID = prepare((db, v: { id: string }) => selectComments(db).where('comments.id', '=', v.id))

const COMMENTS_OF = perType((type) =>
  prepare((db, v: { id: string; limit: number }) =>
    selectComments(db)
      .where(`comments.${PARENT_COLUMN[type]}`, '=', v.id)
      .orderBy('comments.created_at', 'desc')
      .orderBy('comments.seq', 'desc')
      .limit(boundLimit(v.limit)),
  ),
)

export async function findComment(db: Reads, id: string): Promise<Comment | undefined> {
  const row = await COMMENT_BY_ID.first(db, { id })
  return row && toComment(row)
}

/** A record's comments, newest first. */
export async function commentsOf(db: Reads, parent: ParentRef, limit = 500): Promise<Comment[]> {
  const rows = await COMMENTS_OF[parent.type].all(db, { id: parent.id, limit })
  return rows.map(toComment)
}
