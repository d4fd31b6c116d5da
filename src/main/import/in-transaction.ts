import type { Statement } from 'better-sqlite3'
import type { Kysely, Transaction } from 'kysely'
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
  // Prepared once per depth on the transaction's own connection (Kysely building three statements
  // for every row of a large import cost more than running them).
  const statements: { begin: Statement; release: Statement; rollback: Statement }[] = []
  const at = (d: number) =>
    (statements[d] ??= {
      begin: s.db.sqlite.prepare(`SAVEPOINT import_row_${d}`),
      release: s.db.sqlite.prepare(`RELEASE import_row_${d}`),
      rollback: s.db.sqlite.prepare(`ROLLBACK TO import_row_${d}`),
    })
  const savepoint = {
    async execute<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
      const point = at(++depth)
      point.begin.run()
      try {
        const result = await fn(trx)
        point.release.run()
        return result
      } catch (error) {
        point.rollback.run()
        point.release.run()
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
