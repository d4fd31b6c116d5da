import { spawn, type ChildProcess } from 'node:child_process'
import { constants, setPriority } from 'node:os'
import { driverPath } from '../db/driver-path'
import { INTEGRITY_CHECK_SCRIPT } from './integrity-check-script'
import { isCorruptionError, problemInCheckRows } from './integrity'

/** What the full integrity check of a database said, when it ran after the app had started. */
export type BackgroundCheckResult =
  | { readonly status: 'sound' }
  | { readonly status: 'damaged'; readonly problem: string }
  /** The check could not run or finish (stopped at close, driver missing…): nothing is known. */
  | { readonly status: 'not-checked'; readonly reason: string }

export interface BackgroundCheck {
  /** Settles once, never rejects. */
  readonly result: Promise<BackgroundCheckResult>
  /** Ends the check at once (the child is killed); the result then says 'not-checked'. */
  stop(): void
  /** The child's process id, while it runs (diagnostics and tests). */
  readonly pid?: number
}

interface CheckReport {
  rows?: unknown[]
  error?: { code: string; message: string }
}

/**
 * Runs SQLite's full integrity check on the database in a child process with
 * its own read-only connection, so the main process never waits for it. The
 * child is this same runtime (Node, or Electron acting as Node), so the
 * native driver it loads is the one built for the app.
 */
export function checkInBackground(dbPath: string, options: { limit?: number } = {}): BackgroundCheck {
  const limit = Math.max(1, Math.floor(options.limit ?? 10))
  let child: ChildProcess
  try {
    child = spawn(process.execPath, ['-e', INTEGRITY_CHECK_SCRIPT, driverPath(), dbPath, String(limit)], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
    })
  } catch (error) {
    return { result: Promise.resolve({ status: 'not-checked', reason: (error as Error).message }), stop() {} }
  }
  // A check under way must not keep a finished app alive.
  child.unref()
  // On a large database the check reads the whole file for tens of seconds: it gets
  // only the time the user's own work leaves over (a lowest-priority process).
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, constants.priority.PRIORITY_LOW)
    } catch {
      // not allowed here: the check still runs, at normal priority
    }
  }
  let output = ''
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => (output += chunk))
  const result = new Promise<BackgroundCheckResult>((resolve) => {
    child.once('error', (error) => resolve({ status: 'not-checked', reason: error.message }))
    child.once('close', (code, signal) => {
      try {
        resolve(interpret(JSON.parse(output) as CheckReport))
      } catch {
        resolve({ status: 'not-checked', reason: `the check stopped before it finished (${signal ?? `exit code ${code}`})` })
      }
    })
  })
  return {
    result,
    pid: child.pid,
    stop() {
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}

function interpret(report: CheckReport): BackgroundCheckResult {
  if (report.rows) {
    const problem = problemInCheckRows(report.rows)
    return problem ? { status: 'damaged', problem } : { status: 'sound' }
  }
  const error = report.error ?? { code: '', message: 'the check sent no answer' }
  if (isCorruptionError(error)) return { status: 'damaged', problem: error.message }
  return { status: 'not-checked', reason: error.message }
}
