import { notFound } from '../../shared/ipc/errors'
import type { HandlerMap } from '../ipc/handler'
import { recordChange } from '../outbox/record'
import { flag } from '../records/keys'
import { assertParentExists, parentColumns } from '../records/parent'
import { mentionsOfMe } from './mentions'
import { findComment } from './queries'

const commentNotFound = () => notFound('The comment')

export const commentHandlers: HandlerMap<'comments'> = {
  async 'comments.add'({ parent, body, is_internal }, s) {
    const id = s.clock.newId()
    const now = s.clock.now()
    const comment = await s.db.kysely.transaction().execute(async (trx) => {
      await assertParentExists(trx, parent)
      await trx
        .insertInto('comments')
        .values({
          id,
          ...parentColumns(parent),
          body,
          // Only cases have internal notes on the server.
          is_internal: flag(parent.type === 'case' && (is_internal ?? false)),
          author_id: s.meId,
          created_at: now,
          updated_at: now,
        })
        .execute()
      await recordChange(trx, { entity: 'comment', recordId: id, op: 'create' }, now)
      return (await findComment(trx, id))!
    })
    s.onLocalChange?.()
    return comment
  },

  async 'comments.update'({ id, body, is_internal }, s) {
    const comment = await s.db.kysely.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('comments').select(['body', 'is_internal', 'case_id', 'version']).where('id', '=', id).executeTakeFirst()
      if (!current) throw commentNotFound()
      const set: { body?: string; is_internal?: number } = {}
      if (body !== undefined && current.body !== body) set.body = body
      // Only cases have internal notes on the server; elsewhere the flag stays off.
      if (is_internal !== undefined && current.case_id !== null && flag(is_internal) !== current.is_internal) set.is_internal = flag(is_internal)
      const fields = Object.keys(set)
      if (fields.length) {
        const now = s.clock.now()
        await trx.updateTable('comments').set({ ...set, updated_at: now, version: current.version + 1 }).where('id', '=', id).execute()
        await recordChange(trx, { entity: 'comment', recordId: id, op: 'update', fields }, now)
      }
      return (await findComment(trx, id))!
    })
    s.onLocalChange?.()
    return comment
  },

  async 'comments.mentioningMe'(_input, s) {
    return mentionsOfMe(s.db.kysely)
  },

  async 'comments.delete'({ id }, s) {
    await s.db.kysely.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('comments').select(['id', 'remote_id']).where('id', '=', id).executeTakeFirst()
      if (!row) throw commentNotFound()
      await trx.deleteFrom('comments').where('id', '=', id).execute()
      await recordChange(trx, { entity: 'comment', recordId: id, op: 'delete', remoteId: row.remote_id }, s.clock.now())
    })
    s.onLocalChange?.()
    return { id }
  },
}
