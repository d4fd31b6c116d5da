import { randomUUID } from 'node:crypto'
import { copyFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { migrations } from '../../../migrations/index'
import { AppError } from '../../shared/ipc/errors'
import { assertNotHeldFile } from '../data-folder-files'
import { openDatabase, type Db } from '../db/connection'
import { syncDirectory } from '../fs/sync-directory'
import { checkDepthFor, integrityProblem, isCorruptionError } from './integrity'
import { listSome, schemaDifferences } from './schema-match'

/** Tables every Field CRM database has; a file without them is some other program's. */
const REQUIRED_TABLES = ['kysely_migration', 'users', 'accounts', 'contacts', 'cases', 'comments', 'attachments', 'outbox']


/**
 * Writes a consistent copy of the open database to `target` with SQLite's
 * online backup (the app keeps working meanwhile). The copy is made beside
 * the target under a temporary name, made a single self-contained file
 * (journal mode DELETE), checked, and only then renamed into place, so the
 * target is never a half-written file.
 */
export async function writeBackup(db: Db, target: string): Promise<{ path: string; bytes: number }> {
  const path = resolve(target)
  await assertNotHeldFile(path, db.sqlite.name)
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.partial`)
  try {
    await db.sqlite.backup(temp)
    const copy = new BetterSqlite3(temp)
    try {
      copy.pragma('journal_mode = DELETE')
      const problem = integrityProblem(copy, checkDepthFor(temp))
      if (problem) throw new AppError('io', `The backup could not be verified: ${problem}`)
    } finally {
      copy.close()
    }
    await rename(temp, path)
    await syncDirectory(dirname(path))
    return { path, bytes: (await stat(path)).size }
  } catch (error) {
    await rm(temp, { force: true })
    if (error instanceof AppError) throw error
    throw new AppError('io', `The backup could not be written: ${(error as Error).message}`)
  }
}

export interface CheckedBackup {
  /** A private copy of the chosen file, verified; the caller removes it. */
  stagedPath: string
  migrations: string[]
}

/**
 * Copies a user's file into `stagingDir` and checks that the copy is a sound
 * Field CRM database this version can open: SQLite, integrity ok, the app's
 * tables, and only migrations this version knows (an older one is fine: it is
 * migrated after the restore). The user's file itself is never opened for
 * writing. Throws a clear AppError otherwise.
 */
export async function checkBackupFile(sourcePath: string, stagingDir: string): Promise<CheckedBackup> {
  const source = resolve(sourcePath)
  const name = basename(source)
  try {
    if (!(await stat(source)).isFile()) throw new Error('not a file')
  } catch {
    throw new AppError('io', `${name} could not be read`, { path: ['File not found or not readable'] })
  }
  const stagedPath = join(stagingDir, `crm.restore-${randomUUID()}.sqlite`)
  const notCrm = (why: string) => new AppError('invalid_input', `${name} is not a Field CRM backup: ${why}`, { path: [why] })
  try {
    await copyFile(source, stagedPath)
    let db: Db
    try {
      db = openDatabase(stagedPath)
    } catch (error) {
      if (isCorruptionError(error)) throw notCrm('it is not a database file')
      throw error
    }
    try {
      db.sqlite.pragma('journal_mode = DELETE')
      const problem = integrityProblem(db.sqlite, checkDepthFor(stagedPath))
      if (problem) throw new AppError('invalid_input', `${name} is damaged: ${problem}`, { path: ['The file is damaged'] })
      const tables = new Set(db.sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[])
      const missing = REQUIRED_TABLES.filter((t) => !tables.has(t))
      if (missing.length) throw notCrm(`it has no ${missing.join(', ')} table`)
      const applied = db.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[]
      const unknown = applied.filter((m) => !Object.hasOwn(migrations, m))
      if (unknown.length) {
        throw new AppError('invalid_input', `${name} was made by a newer version of Field CRM (${unknown.join(', ')}); update the app first`, {
          path: ['Made by a newer version'],
        })
      }
      if (!applied.length) throw notCrm('it has no schema version')
      const encoding = db.sqlite.pragma('encoding', { simple: true })
      if (encoding !== 'UTF-8') throw notCrm(`its text is stored as ${String(encoding)}, and Field CRM only makes UTF-8 databases`)
      const { foreign, changed, missing: lacking } = await schemaDifferences(db.sqlite, applied)
      if (foreign.length || changed.length) {
        const what = [...foreign, ...changed.map((o) => `${o} (changed)`)]
        throw new AppError('invalid_input', `${name} was not restored: it holds database objects Field CRM does not make, which could change your data: ${listSome(what)}`, {
          path: ['Holds objects Field CRM does not make'],
        })
      }
      if (lacking.length) throw notCrm(`it lacks ${listSome(lacking)}`)
      return { stagedPath, migrations: applied }
    } finally {
      await db.close()
    }
  } catch (error) {
    await rm(stagedPath, { force: true })
    if (error instanceof AppError) throw error
    if (isCorruptionError(error)) throw notCrm('it is not a database file')
    throw new AppError('io', `${name} could not be checked: ${(error as Error).message}`)
  }
}
