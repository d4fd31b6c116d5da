import type { Tag } from '../../shared/domain/records'
import { slugify } from '../../shared/domain/tags'
import { conflict } from '../../shared/ipc/errors'
import { holdingConnection } from '../db/held-connection'
import { prepare } from '../db/prepared'
import type { HandlerMap } from '../ipc/handler'
import { recordChange } from '../outbox/record'

// The server's tag identity, shared with the forms (which pick an existing tag rather than make a second one).
export { slugify }

const ACTIVE_USERS = prepare((db) => db.selectFrom('users').select(['id', 'name', 'email', 'is_me']).where('is_active', '=', 1).orderBy('name'))
const TEAMS = prepare((db) => db.selectFrom('teams').select(['id', 'name']).orderBy('name'))
const ACTIVE_TAGS = prepare((db) => db.selectFrom('tags').select(['id', 'name', 'color']).where('is_active', '=', 1).orderBy('name'))

export const lookupHandlers: HandlerMap<'lookups'> = {
  async 'lookups.get'(_input, { db, meId }) {
    const [users, teams, tags] = await holdingConnection(db, (reads) =>
      Promise.all([ACTIVE_USERS.all(reads, {}), TEAMS.all(reads, {}), ACTIVE_TAGS.all(reads, {})]),
    )
    const me = users.find((u) => u.id === meId)
    return {
      me: me ? { id: me.id, name: me.name, email: me.email } : { id: meId, name: 'Me', email: '' },
      users: users.map(({ id, name, email }) => ({ id, name, email })),
      teams,
      tags: tags as Tag[],
    }
  },
}

export const tagHandlers: HandlerMap<'tags'> = {
  async 'tags.create'({ name, color }, s) {
    const slug = slugify(name)
    const tag = await s.db.kysely.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst()
      const now = s.clock.now()
      if (existing?.is_active) throw conflict('name', `A tag named "${existing.name}" already exists`)
      if (existing) {
        // Like the server: naming an archived tag brings it back.
        await trx.updateTable('tags').set({ is_active: 1, color, updated_at: now, version: existing.version + 1 }).where('id', '=', existing.id).execute()
        await recordChange(trx, { entity: 'tag', recordId: existing.id, op: 'update', fields: ['is_active', 'color'] }, now)
        return { id: existing.id, name: existing.name, color }
      }
      const id = s.clock.newId()
      await trx.insertInto('tags').values({ id, name, slug, color, is_active: 1, created_at: now, updated_at: now }).execute()
      await recordChange(trx, { entity: 'tag', recordId: id, op: 'create' }, now)
      return { id, name, color }
    })
    s.onLocalChange?.()
    return tag
  },
}
