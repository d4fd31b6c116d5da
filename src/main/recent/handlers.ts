import { holdingConnection } from '../db/held-connection'
import type { HandlerMap } from '../ipc/handler'
import { assertParentExists } from '../records/parent'
import { noteViewed, recentRecords } from './queries'

export const recentHandlers: HandlerMap<'recent'> = {
  async 'recent.list'(_input, { db }) {
    return holdingConnection(db, (reads) => recentRecords(reads))
  },

  async 'recent.viewed'(record, s) {
    await s.db.kysely.transaction().execute(async (trx) => {
      await assertParentExists(trx, record)
      await noteViewed(trx, record, s.clock.now())
    })
    return { type: record.type, id: record.id }
  },
}
