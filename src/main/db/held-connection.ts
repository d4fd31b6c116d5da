import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely, Transaction } from 'kysely'
import type { Db } from './connection'
import type { Database } from './schema'

/**
 * The connection, held for a handler's run of reads (holdingConnection):
 * prepared queries given it run their statement at once, without queueing
 * for the connection once per statement.
 */
export class HeldConnection {
  constructor(readonly statement: (sql: string) => BetterSqlite3.Statement) {}
}

/**
 * Holds the connection (Kysely's driver lock) while `work` reads: no
 * transaction runs in between, so the reads see one state of the data.
 * Only prepared queries may run inside, given `reads`. Inside a transaction
 * (a CSV import runs the handlers in one) the transaction is what reads.
 */
export async function holdingConnection<T>(db: Db, work: (reads: Reads) => Promise<T>): Promise<T> {
  if (db.kysely.isTransaction) return work(db.kysely)
  // The executor's own hold, not kysely.connection(): that builds a Kysely instance per call (about 2 µs) for a callback that ignores it.
  return db.kysely.getExecutor().provideConnection(() => work(new HeldConnection(db.statement)))
}

/** Where a prepared query runs: Kysely (waits for the connection, or runs in a transaction) or a held connection. */
export type Reads = Kysely<Database> | Transaction<Database> | HeldConnection
