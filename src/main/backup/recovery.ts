import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { openAppData, type AppData, type AppDataOptions } from '../app-data'
import { checkBackupFile } from './backup-file'
import { DamagedDatabaseError } from './integrity'
import { fileStamp } from './restore'

/** How a start went: ready, or stopped by a damaged database the user must decide about. */
export type StartOutcome =
  | { readonly kind: 'ready'; readonly data: AppData }
  | { readonly kind: 'damaged'; readonly dbPath: string; readonly problem: string }

/** Opens the data folder; a damaged database is an outcome to act on, not a crash. */
export async function startAppData(options: AppDataOptions): Promise<StartOutcome> {
  await removeStagedRestores(options.dataDir)
  try {
    return { kind: 'ready', data: await openAppData(options) }
  } catch (error) {
    if (error instanceof DamagedDatabaseError) return { kind: 'damaged', dbPath: error.dbPath, problem: error.problem }
    throw error
  }
}

/** What the user may do about a damaged database. */
export type RecoveryChoice = { readonly kind: 'start-fresh' } | { readonly kind: 'restore'; readonly backupPath: string } | { readonly kind: 'quit' }

const DB_FILES = ['crm.sqlite', 'crm.sqlite-wal', 'crm.sqlite-shm', 'crm.sqlite-journal']

/**
 * Moves the damaged database (and its -wal/-shm) into <dataDir>/damaged/<time>/,
 * never deleting it: a specialist may still rescue records from it.
 */
export async function setAsideDamagedDatabase(dataDir: string, now: string): Promise<string> {
  const aside = join(dataDir, 'damaged', fileStamp(now))
  await mkdir(aside, { recursive: true })
  for (const name of DB_FILES) {
    try {
      await rename(join(dataDir, name), join(aside, name))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  return aside
}

/**
 * Carries out the user's choice before the next start: the damaged files are
 * set aside first; "restore" then puts a checked copy of the backup in place
 * (a bad backup file is refused and the damaged one stays where it is).
 * Returns where the damaged files went, or null for "quit".
 */
export async function recoverDamagedDatabase(dataDir: string, choice: RecoveryChoice, now: string): Promise<string | null> {
  if (choice.kind === 'quit') return null
  if (choice.kind === 'start-fresh') return setAsideDamagedDatabase(dataDir, now)
  const checked = await checkBackupFile(choice.backupPath, dataDir)
  try {
    const aside = await setAsideDamagedDatabase(dataDir, now)
    await copyFile(checked.stagedPath, join(dataDir, 'crm.sqlite'))
    return aside
  } finally {
    await rm(checked.stagedPath, { force: true })
  }
}

/**
 * A restore interrupted by a crash leaves its private staging copy, and the
 * copy of the previous data it was writing into backups/ half written; each is
 * only ever a copy (the previous data is still the live database).
 */
async function removeStagedRestores(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[])
  for (const name of names) {
    if (/^crm\.restore-[0-9a-f-]{36}\.sqlite(-wal|-shm|-journal)?$/.test(name)) await rm(join(dataDir, name), { force: true })
  }
  const backups = join(dataDir, 'backups')
  for (const name of await readdir(backups).catch(() => [] as string[])) {
    if (/^\.before-restore-.*\.partial(-wal|-shm|-journal)?$/.test(name)) await rm(join(backups, name), { force: true })
  }
}

/** The dialog shown when the database is damaged; its buttons, in order, map to recoveryChoiceFor. */
export function damagedDatabaseDialog(outcome: { dbPath: string; problem: string }) {
  return Object.freeze({
    title: 'Field CRM',
    message: 'Your CRM data file is damaged',
    detail:
      `The app checked ${outcome.dbPath} before opening it and found a problem, so it has not changed anything.\n\n` +
      `You can restore your data from a backup, or start with empty data. Either way the damaged file is kept ` +
      `in the "damaged" folder next to it.\n\nWhat SQLite reported: ${outcome.problem.slice(0, 500)}`,
    buttons: ['Restore from a backup…', 'Start with empty data', 'Quit'],
    defaultId: 0,
    cancelId: 2,
  })
}

/**
 * The dialog shown when the background check (large databases) finds damage
 * after the start. Its first two buttons mean what damagedDatabaseDialog's do
 * (recoveryChoiceFor maps them) and are carried out by a restart; the last
 * leaves everything as it is for now.
 */
export function damagedWhileRunningDialog(found: { dbPath: string; problem: string }) {
  return Object.freeze({
    title: 'Field CRM',
    message: 'Your CRM data file is damaged',
    detail:
      `A check of ${found.dbPath}, run after the app started, found a problem. Changes made now may be lost ` +
      `or damage it further, so restore your data from a backup soon.\n\n` +
      `Choosing to restore or to start with empty data restarts Field CRM; the damaged file is kept in the ` +
      `"damaged" folder next to it.\n\nWhat SQLite reported: ${found.problem.slice(0, 500)}`,
    buttons: ['Restore from a backup…', 'Start with empty data', 'Not now'],
    defaultId: 0,
    cancelId: 2,
  })
}

/** The user's answer to damagedDatabaseDialog; null means ask again (the file picker was cancelled). */
export function recoveryChoiceFor(button: number, backupPath: string | null): RecoveryChoice | null {
  if (button === 0) return backupPath ? { kind: 'restore', backupPath } : null
  if (button === 1) return { kind: 'start-fresh' }
  return { kind: 'quit' }
}
