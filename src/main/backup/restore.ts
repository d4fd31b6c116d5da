import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Selectable } from 'kysely'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../db/clock'
import type { Db } from '../db/connection'
import { migrateToLatest } from '../db/migrate'
import type { UsersTable } from '../db/schema'
import { writeBackup } from './backup-file'
import { checkDepthFor, integrityProblem } from './integrity'

/** A file name from a timestamp, safe on every OS: 2026-11-23T20-05-00-123Z. */
export function fileStamp(iso: string): string {
  return iso.replace(/[:.]/g, '-')
}

/** Copies every page of `sourcePath` into the open database's file, in one SQLite transaction. */
async function copyInto(db: Db, sourcePath: string): Promise<void> {
  const source = new BetterSqlite3(sourcePath, { readonly: true })
  try {
    await source.backup(db.sqlite.name)
  } finally {
    source.close()
  }
}

/**
 * Replaces the open database's content with a checked backup (see
 * checkBackupFile) while the app runs, without swapping connections:
 *  1. the current data is first copied to `backupsDir` and kept there;
 *  2. SQLite's backup copies the file into the live database in one
 *     transaction (a crash midway leaves the old data);
 *  3. the result is checked and migrated to this version's schema;
 *     if that fails, the copy from step 1 is put back.
 * The local user stays the same person, so new records keep their author.
 */
export async function restoreFromCheckedBackup(
  db: Db,
  stagedPath: string,
  options: { backupsDir: string; clock: Clock; meId: string },
): Promise<{ previousDataCopy: string }> {
  await mkdir(options.backupsDir, { recursive: true })
  const me = await db.kysely.selectFrom('users').selectAll().where('id', '=', options.meId).executeTakeFirst()
  const previous = join(options.backupsDir, `before-restore-${fileStamp(options.clock.now())}.sqlite`)
  const { path: previousDataCopy } = await writeBackup(db, previous)
  try {
    await copyInto(db, stagedPath)
  } catch (error) {
    throw new AppError('io', `The backup could not be restored; your data is unchanged: ${(error as Error).message}`)
  }
  try {
    const problem = integrityProblem(db.sqlite, checkDepthFor(db.sqlite.name))
    if (problem) throw new Error(problem)
    await migrateToLatest(db)
    if (me) await keepLocalUser(db, me)
  } catch (error) {
    await copyInto(db, previousDataCopy)
    throw new AppError('io', `The restored data could not be opened, so the previous data was put back: ${(error as Error).message}`)
  } finally {
    await rm(stagedPath, { force: true })
  }
  return { previousDataCopy }
}

/** A backup from another installation names someone else as "me"; this computer's user stays "me". */
async function keepLocalUser(db: Db, me: Selectable<UsersTable>): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ is_me: 0 }).where('is_me', '=', 1).where('id', '<>', me.id).execute()
    const exists = await trx.selectFrom('users').select('id').where('id', '=', me.id).executeTakeFirst()
    if (exists) await trx.updateTable('users').set({ is_me: 1 }).where('id', '=', me.id).execute()
    else {
      const { id, email, name, role, is_active, created_at, updated_at } = me
      await trx.insertInto('users').values({ id, email, name, role, is_me: 1, is_active, created_at, updated_at }).execute()
    }
  })
}
