import { Migrator, type MigrationResultSet } from 'kysely'
import { migrations } from '../../../migrations/index'
import type { Db } from './connection'

/**
 * Applies every pending migration inside one transaction (see connection.ts
 * for why Kysely does so here). Throws with the failing migration's name so
 * start-up can say why.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
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
