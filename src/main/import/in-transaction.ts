import { sql, type Kysely, type Transaction } from 'kysely'
import type { Db } from '../db/connection'
import type { Database } from '../db/schema'
import type { Services } from '../services'

/**
 * The services as seen from inside one open transaction, so the real create
 * handlers can run many times and commit (or vanish) together. A handler's own
 * `db.kysely.transaction().execute(fn)` becomes a savepoint: a row that fails
 * undoes its own writes and nothing else. `onLocalChange` is left out; the
 * caller reports the change once, after the commit.
 */
export function servicesInTransaction(s: Services, trx: Transaction<Database>): Services {
  let depth = 0
  const savepoint = {
    async execute<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
      const name = sql.raw(`import_row_${++depth}`)
      await sql`savepoint ${name}`.execute(trx)
      try {
        const result = await fn(trx)
        await sql`release ${name}`.execute(trx)
        return result
      } catch (error) {
        await sql`rollback to ${name}`.execute(trx)
        await sql`release ${name}`.execute(trx)
        throw error
      } finally {
        depth--
      }
    },
  }
  // Kysely keeps its state in private class fields, so methods run bound to the real transaction.
  const kysely = new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') return () => savepoint
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  }) as unknown as Kysely<Database>
  const db: Db = { kysely, sqlite: s.db.sqlite, statement: s.db.statement, close: async () => {} }
  return { ...s, db, onLocalChange: undefined }
}
