import type BetterSqlite3 from 'better-sqlite3'
import { DEFAULT_MIGRATION_TABLE } from 'kysely'
import { migrations } from '../../../migrations/index'

/** The database was written by a newer Field CRM: it carries migrations this version does not ship. */
export class NewerDatabaseError extends Error {
  readonly dbPath: string
  readonly unknownMigrations: readonly string[]
  constructor(dbPath: string, unknownMigrations: readonly string[]) {
    super(
      `The database ${dbPath} was written by a newer version of Field CRM (it has ${unknownMigrations.join(', ')}, ` +
        `which this version does not know). Install the latest Field CRM to open it; this version has not changed it.`,
    )
    this.name = 'NewerDatabaseError'
    this.dbPath = dbPath
    this.unknownMigrations = Object.freeze([...unknownMigrations])
  }
}

/**
 * The migrations recorded in the database that this app does not ship, read
 * without writing anything. Kysely would refuse them too, but only with a
 * generic "corrupted migrations" error, and after creating its tables.
 */
export function unknownMigrations(sqlite: BetterSqlite3.Database): string[] {
  const table = sqlite.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(DEFAULT_MIGRATION_TABLE)
  if (!table) return []
  const applied = sqlite.prepare(`SELECT name FROM "${DEFAULT_MIGRATION_TABLE}" ORDER BY name`).pluck().all() as string[]
  return applied.filter((name) => !Object.hasOwn(migrations, name))
}
