import { constants, setPriority } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { driverPath } from '../db/driver-path'
import { isCorruptionError, problemInCheckRows } from './integrity'
import { nodeForkLauncher, type LaunchedProcess, type ProcessLauncher } from './process-launcher'

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

export interface BackgroundCheckOptions {
  /** At most this many problems are listed (default 10). */
  limit?: number
  /** Starts the child: Node's fork by default, Electron's utilityProcess in the app. */
  launcher?: ProcessLauncher
  /** The child's script (default: integrity-check.js beside this module, or beside the bundle). */
  script?: string
}

interface CheckReport {
  rows?: unknown[]
  error?: { code: string; message: string }
}

/**
 * The child's script: src/main/backup/integrity-check.js under Node, and in the
 * built app out/main/integrity-check.js, beside out/main/index.js into which
 * this module is bundled (the main build's second entry, electron.vite.config.ts).
 */
export function integrityCheckScript(): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url))
  return join(here, 'integrity-check.js')
}

/**
 * Runs SQLite's full integrity check on the database in a child process with
 * its own read-only connection, so the main process never waits for it. The
 * child loads the native driver the main process loaded (driverPath), so it
 * is the build made for the app's runtime.
 */
export function checkInBackground(dbPath: string, options: BackgroundCheckOptions = {}): BackgroundCheck {
  const limit = Math.max(1, Math.floor(options.limit ?? 10))
  const launcher = options.launcher ?? nodeForkLauncher
  let child: LaunchedProcess
  try {
    child = launcher.fork(options.script ?? integrityCheckScript(), [driverPath(), dbPath, String(limit)])
  } catch (error) {
    return { result: Promise.resolve({ status: 'not-checked', reason: (error as Error).message }), stop() {} }
  }
  let settle!: (result: BackgroundCheckResult) => void
  let settled = false
  const result = new Promise<BackgroundCheckResult>((resolve) => {
    settle = (value) => {
      if (settled) return
      settled = true
      resolve(value)
    }
  })
  // On a large database the check reads the whole file for tens of seconds: it gets
  // only the time the user's own work leaves over (a lowest-priority process). A
  // utility process has its pid only from 'spawn' on; a Node child at once.
  let lowered = false
  const lowerPriority = () => {
    if (lowered || child.pid === undefined) return
    lowered = true
    try {
      setPriority(child.pid, constants.priority.PRIORITY_LOW)
    } catch {
      // not allowed here: the check still runs, at normal priority
    }
  }
  lowerPriority()
  child.once('spawn', () => {
    // Stopped before it had started: a kill then may not have reached it.
    if (settled) child.kill()
    else lowerPriority()
  })
  child.once('message', (message) => {
    settle(interpret(message as CheckReport))
    // The child waits for this, so its exit never races its report.
    child.kill()
  })
  child.once('exit', (code) => settle({ status: 'not-checked', reason: `the check stopped before it finished (exit code ${code})` }))
  return {
    result,
    get pid() {
      return child.pid
    },
    stop() {
      if (settled) return
      settle({ status: 'not-checked', reason: 'the check was stopped' })
      child.kill()
    },
  }
}

function interpret(report: CheckReport): BackgroundCheckResult {
  if (Array.isArray(report?.rows)) {
    const problem = problemInCheckRows(report.rows)
    return problem ? { status: 'damaged', problem } : { status: 'sound' }
  }
  const error = report?.error ?? { code: '', message: 'the check sent no answer' }
  if (isCorruptionError(error)) return { status: 'damaged', problem: error.message }
  return { status: 'not-checked', reason: error.message }
}
