import { mkdir } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { AttachmentStore } from './attachments/store'
import { removeUnreferencedFiles } from './attachments/unreferenced'
import { systemClock, type Clock } from './db/clock'
import { checkInBackground, type BackgroundCheckResult } from './backup/background-check'
import { DamagedDatabaseError, isCorruptionError, openCheckedDatabase } from './backup/integrity'
import { removeStagedRestores } from './backup/staged-restores'
import { lockDataFolder } from './data-folder-lock'
import { checkpointInBackground } from './db/background-checkpoint'
import type { Db } from './db/connection'
import type { ProcessLauncher } from './backup/process-launcher'
import { watchDatabaseFile } from './db/file-identity'
import { migrateToLatest } from './db/migrate'
import type { Desktop } from './desktop'
import { FileGrants } from './security/file-grants'
import type { Services } from './services'

export interface AppDataOptions {
  /** The folder that holds everything: Electron's userData in the app, a temp folder in tests. */
  dataDir: string
  desktop: Desktop
  clock?: Clock
  onLocalChange?: () => void
  /** The database file was deleted or replaced while open (db/file-identity.ts): the app tells the user at once. */
  onDatabaseFileProblem?: (problem: string) => void
  /** Larger databases open at once and are checked in the background (default FULL_CHECK_MAX_BYTES). */
  fullCheckMaxBytes?: number
  /**
   * Starts the background integrity check's child process: Electron's
   * utilityProcess in the app (src/main/electron/utility-process.ts), Node's
   * child_process.fork by default (tests).
   */
  processLauncher?: ProcessLauncher
}

export interface AppData {
  services: Services
  dbPath: string
  /**
   * The full integrity check's verdict. A small database was checked before
   * it opened (so this is already 'sound'); a large one is checked in a
   * child process after the start, and may turn out damaged while in use.
   */
  backgroundCheck: Promise<BackgroundCheckResult>
  close(): Promise<void>
}

/** The local user exists from the first start, so every record has an author even offline. */
async function ensureLocalUser(db: Db, clock: Clock): Promise<string> {
  const me = await db.kysely.selectFrom('users').select('id').where('is_me', '=', 1).executeTakeFirst()
  if (me) return me.id
  const id = clock.newId()
  const now = clock.now()
  let name = 'Me'
  try {
    name = userInfo().username || name
  } catch {
    // no user name on this system
  }
  await db.kysely.insertInto('users').values({ id, name, email: '', role: 'ADMIN', is_me: 1, is_active: 1, created_at: now, updated_at: now }).execute()
  return id
}

/**
 * Opens the data folder: the database (migrated to the latest schema) and the
 * attachment store (debris from a crash cleaned, content no row refers to removed).
 * The folder is locked for this process until close(), before anything in it is
 * read or cleaned: a second opener gets DataFolderInUseError (see data-folder-lock.ts).
 */
export async function openAppData(options: AppDataOptions): Promise<AppData> {
  const clock = options.clock ?? systemClock
  await mkdir(options.dataDir, { recursive: true })
  const lock = lockDataFolder(options.dataDir)
  let opened: AppData
  try {
    opened = await openLockedAppData(options, clock)
  } catch (error) {
    lock.release()
    throw error
  }
  return {
    ...opened,
    close: async () => {
      try {
        await opened.close()
      } finally {
        lock.release()
      }
    },
  }
}

async function openLockedAppData(options: AppDataOptions, clock: Clock): Promise<AppData> {
  await removeStagedRestores(options.dataDir)
  const dbPath = join(options.dataDir, 'crm.sqlite')
  // A small file is checked before any read or write, a large one right after the start (see
  // backup/integrity.ts); a damaged file throws DamagedDatabaseError (see backup/recovery.ts).
  const { db, check } = openCheckedDatabase(dbPath, { fullCheckMaxBytes: options.fullCheckMaxBytes })
  try {
    await migrateToLatest(db)
    const files = new AttachmentStore(join(options.dataDir, 'attachments'))
    await files.init()
    await removeUnreferencedFiles(db, files, join(options.dataDir, 'backups'))
    await removeStaleOpenLinks(db, files)
    const meId = await ensureLocalUser(db, clock)
    const databaseFile = watchDatabaseFile(dbPath, undefined, options.onDatabaseFileProblem)
    const services: Services = { db, clock, files, grants: new FileGrants(), databaseFile, desktop: options.desktop, meId, onLocalChange: options.onLocalChange }
    const background = check === 'deferred' ? checkInBackground(dbPath, { launcher: options.processLauncher }) : null
    const checkpoints = checkpointInBackground(db.sqlite, { log: console })
    return {
      services,
      dbPath,
      backgroundCheck: background?.result ?? Promise.resolve({ status: 'sound' }),
      close: async () => {
        background?.stop()
        databaseFile.stop()
        await checkpoints.stop()
        return db.close()
      },
    }
  } catch (error) {
    await db.close()
    // A large file opens unchecked, so damage may first show here.
    if (isCorruptionError(error)) throw new DamagedDatabaseError(dbPath, (error as Error).message)
    throw error
  }
}

/** Named links of attachments deleted in an earlier run (say, by a sync) still hold their content; drop them. */
async function removeStaleOpenLinks(db: Db, files: AttachmentStore): Promise<void> {
  const opened = await files.listOpened()
  if (!opened.length) return
  const existing = new Set(
    (await db.kysely.selectFrom('attachments').select('id').where('id', 'in', opened).execute()).map((r) => r.id),
  )
  for (const id of opened) if (!existing.has(id)) await files.forgetOpened(id)
}
