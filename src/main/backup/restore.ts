import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Selectable } from 'kysely'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../db/clock'
import { openDatabase, type Db } from '../db/connection'
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
 * Makes the staged copy exactly what the live database should become, before
 * the live file is touched: the live file's page size (SQLite's backup cannot
 * copy between page sizes into a WAL database), this version's schema, and
 * this computer's user as "me". Then one copy is the only step that changes
 * the live data, so a crash at any instant leaves either all the old data or
 * all the new.
 */
async function prepareStaged(stagedPath: string, pageSize: number, me: Selectable<UsersTable> | undefined): Promise<void> {
  const raw = new BetterSqlite3(stagedPath)
  try {
    if (raw.pragma('page_size', { simple: true }) !== pageSize) {
      raw.pragma(`page_size = ${pageSize}`)
      raw.exec('VACUUM') // rewrites every page at the new size
      if (raw.pragma('page_size', { simple: true }) !== pageSize) throw new Error(`its page size could not be changed to ${pageSize} bytes`)
    }
  } finally {
    raw.close()
  }
  const staged = openDatabase(stagedPath)
  try {
    await migrateToLatest(staged)
    if (me) await keepLocalUser(staged, me)
    staged.sqlite.pragma('journal_mode = DELETE') // one self-contained file again, WAL folded in
    const problem = integrityProblem(staged.sqlite, checkDepthFor(stagedPath))
    if (problem) throw new Error(problem)
  } finally {
    await staged.close()
  }
}

/**
 * Replaces the open database's content with a checked backup (see
 * checkBackupFile) while the app runs, without swapping connections:
 *  1. the staged copy is prepared (prepareStaged); if that fails, nothing
 *     of the current data has changed;
 *  2. the current data is copied to `backupsDir` and kept there;
 *  3. SQLite's backup copies the staged file into the live database in one
 *     transaction (a crash midway leaves the old data);
 *  4. the result is checked; if that fails, the copy from step 2 is put back.
 * The local user stays the same person, so new records keep their author.
 */
export async function restoreFromCheckedBackup(
  db: Db,
  stagedPath: string,
  options: { backupsDir: string; clock: Clock; meId: string },
): Promise<{ previousDataCopy: string }> {
  try {
    const me = await db.kysely.selectFrom('users').selectAll().where('id', '=', options.meId).executeTakeFirst()
    try {
      await prepareStaged(stagedPath, db.sqlite.pragma('page_size', { simple: true }) as number, me)
    } catch (error) {
      throw new AppError('io', `The backup could not be prepared for this version of Field CRM; your data is unchanged: ${(error as Error).message}`)
    }
    await mkdir(options.backupsDir, { recursive: true })
    const previous = join(options.backupsDir, `before-restore-${fileStamp(options.clock.now())}.sqlite`)
    const { path: previousDataCopy } = await writeBackup(db, previous)
    try {
      await copyInto(db, stagedPath)
    } catch (error) {
      throw new AppError('io', `The backup could not be restored; your data is unchanged: ${(error as Error).message}`)
    }
    const problem = integrityProblem(db.sqlite, checkDepthFor(db.sqlite.name))
    if (problem) {
      await copyInto(db, previousDataCopy)
      throw new AppError('io', `The restored data could not be opened, so the previous data was put back: ${problem}`)
    }
    return { previousDataCopy }
  } finally {
    await rm(stagedPath, { force: true })
  }
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
