import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely'
import type { Database } from './schema'
import { registerSqlFunctions } from './sql-functions'
import { withStatementCache } from './statement-cache'

/**
 * SQLite can roll back schema changes, but Kysely's adapter says it cannot, so
 * its Migrator would run migrations outside a transaction. Saying so lets the
 * Migrator apply pending migrations and record them in one transaction: a
 * crash mid-migration leaves the old schema, never half of the new one.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

class AppSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter()
  }
}

export interface Db {
  /** Typed query builder; use it for all queries. */
  kysely: Kysely<Database>
  /** The raw handle, for pragmas, backups and the benchmark's baseline. */
  sqlite: BetterSqlite3.Database
  /** The connection's prepared statement for `sql`, from the same cache Kysely uses (db/prepared.ts runs through it). */
  statement(sql: string): BetterSqlite3.Statement
  close(): Promise<void>
}

/**
 * Opens (or creates) the database file with the settings a desktop app needs:
 * WAL so reads never wait on a write, foreign keys on, synchronous=FULL so a
 * committed transaction survives a power cut, and a busy timeout so a backup
 * or a second connection waits instead of failing.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  const sqlite = new BetterSqlite3(file, { readonly: options.readonly ?? false })
  if (!options.readonly) sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('cache_size = -32000') // 32 MB page cache
  sqlite.pragma('temp_store = MEMORY')
  registerSqlFunctions(sqlite)
  const statements = withStatementCache(sqlite)
  const kysely = new Kysely<Database>({ dialect: new AppSqliteDialect({ database: statements }) })
  let closed = false
  return {
    kysely,
    sqlite,
    statement: (sql) => statements.prepare(sql) as BetterSqlite3.Statement,
    async close() {
      if (closed) return
      closed = true
      await kysely.destroy() // closes the better-sqlite3 handle too, once Kysely has used it
      if (sqlite.open) sqlite.close() // never used through Kysely (a start refused before any query)
    },
  }
}
