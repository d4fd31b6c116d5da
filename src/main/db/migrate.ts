import { Migrator, type MigrationResultSet } from 'kysely'
import { migrations } from '../../../migrations/index'
import type { Db } from './connection'
import { NewerDatabaseError, unknownMigrations } from './newer-database'

/**
 * Applies every pending migration inside one transaction (see connection.ts
 * for why Kysely does so here). Throws with the failing migration's name so
 * start-up can say why. A database a newer version wrote is refused before
 * anything is written to it (NewerDatabaseError).
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const unknown = unknownMigrations(db.sqlite)
  if (unknown.length) throw new NewerDatabaseError(db.sqlite.name, unknown)
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
  })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Database migration ${failed} failed: ${String(result.error)}`, { cause: result.error })
  }
  return result
}
