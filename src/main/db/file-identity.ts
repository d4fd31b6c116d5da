import { statSync } from 'node:fs'
import { basename } from 'node:path'

// An open SQLite connection keeps writing to the file it opened, even when
// that file has been deleted or replaced (a sync client, a cleaner, a user in
// the file manager): every save then answers "ok" and is gone at the next
// start. The file's identity (device and inode) is checked every second; once
// it has changed, every call is refused with an explanation instead.

const CHECK_MS = 1000

export interface DatabaseFileWatch {
  /** Why the database can no longer be used, or null while its file is the one opened. */
  problem(): string | null
  /** Checks now (the timer also does, every second). */
  check(): string | null
  stop(): void
}

function identity(path: string): string | null {
  try {
    const info = statSync(path)
    return `${info.dev}:${info.ino}`
  } catch {
    return null
  }
}

/** `onProblem` is told once, when the timer finds the file gone, so the app can say so before the next save. */
export function watchDatabaseFile(path: string, intervalMs = CHECK_MS, onProblem?: (problem: string) => void): DatabaseFileWatch {
  const opened = identity(path)
  let problem: string | null = null
  const check = () => {
    if (problem || opened === null) return problem
    const now = identity(path)
    if (now === opened) return null
    const what = now === null ? 'was deleted or moved' : 'was replaced by another file'
    problem =
      `The data file ${basename(path)} ${what} while Field CRM was running, so nothing more can be saved ` +
      `(changes would go to a file that is no longer there). Quit Field CRM and start it again; ` +
      `if the file was moved by mistake, put it back first.`
    return problem
  }
  const timer = setInterval(() => {
    const known = problem
    const found = check()
    if (found && !known) onProblem?.(found)
  }, intervalMs)
  timer.unref()
  return { problem: () => problem, check, stop: () => clearInterval(timer) }
}
