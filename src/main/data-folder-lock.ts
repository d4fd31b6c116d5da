import { rmSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { isCorruptionError } from './backup/integrity'

/** The file whose lock says a process has the data folder open. */
export const LOCK_FILE = 'crm.lock'

/** Another Field CRM (another window's process, or this process) has the data folder open. */
export class DataFolderInUseError extends Error {
  readonly dataDir: string
  constructor(dataDir: string) {
    super(
      `The data folder ${dataDir} is in use by another Field CRM window or process. ` +
        `Switch to that Field CRM window, or close it and try again.`,
    )
    this.name = 'DataFolderInUseError'
    this.dataDir = dataDir
  }
}

export interface DataFolderLock {
  readonly dataDir: string
  /** Lets the next process open the folder; calling it again does nothing. */
  release(): void
}

/**
 * Takes the data folder for this process, or throws DataFolderInUseError.
 *
 * Two processes on one folder would each run a sync (sending every record
 * that nothing unique protects twice) and each clean the other's attachment
 * temp files. The lock is SQLite's own file lock on a small database of its
 * own: in EXCLUSIVE locking mode, once a write transaction has run, the
 * connection keeps its exclusive lock until it closes. The operating system
 * drops that lock when the process dies (SIGKILL, crash, power loss), so a
 * lock is never stale and nothing guesses from PIDs. SQLite also refuses a
 * second connection in the same process. busy_timeout 0: the answer is at once.
 *
 * One POSIX rule applies: closing any file descriptor of crm.lock in this
 * process drops the lock, so nothing else in the app may open that file.
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const path = join(dataDir, LOCK_FILE)
  let lock: BetterSqlite3.Database
  try {
    lock = takeLock(path, dataDir)
  } catch (error) {
    // Not a database (written over by something else): nobody can hold such a file, since taking the lock reads it.
    if (!isCorruptionError(error)) throw error
    rmSync(path, { force: true })
    rmSync(`${path}-journal`, { force: true })
    lock = takeLock(path, dataDir)
  }
  return {
    dataDir,
    release: () => {
      if (lock.open) lock.close()
    },
  }
}

function takeLock(path: string, dataDir: string): BetterSqlite3.Database {
  const lock = new BetterSqlite3(path, { timeout: 0 })
  try {
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.exec('BEGIN EXCLUSIVE')
    lock.exec('COMMIT')
    return lock
  } catch (error) {
    lock.close()
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw new DataFolderInUseError(dataDir)
    throw error
  }
}
