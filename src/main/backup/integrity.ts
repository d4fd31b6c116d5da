import { statSync } from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'
import { openDatabase, type Db } from '../db/connection'

/** The database file cannot be used: it is not SQLite, or SQLite finds it corrupt. */
export class DamagedDatabaseError extends Error {
  readonly dbPath: string
  readonly problem: string
  constructor(dbPath: string, problem: string) {
    super(`The database ${dbPath} is damaged: ${problem}`)
    this.name = 'DamagedDatabaseError'
    this.dbPath = dbPath
    this.problem = problem
  }
}

const CORRUPTION_CODES = /^SQLITE_(CORRUPT|NOTADB)/

/** True for the errors SQLite raises on a damaged or non-database file. */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && CORRUPTION_CODES.test(code)
}

export type CheckDepth = 'full' | 'quick'

/**
 * Up to this size the full integrity check runs before the database is used.
 * Above it a check would block too long (measured on this project's shared
 * 2-core machine with a 225 MB database, a tenth of the benchmark's data set:
 * quick_check 1.0–2.0 s, integrity_check 5.6–16 s), so at start the database
 * opens at once and the full check runs in a child process (background-check.ts);
 * backup and restore, which may wait, use the quick check above it.
 */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024

/** The size of a database file with its WAL; 0 when there is no file yet. */
function databaseBytes(dbPath: string): number {
  let bytes = 0
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(dbPath + suffix).size
    } catch {
      // no such file
    }
  }
  return bytes
}

/** Which check a database file gets, by its size (with its WAL). */
export function checkDepthFor(dbPath: string, fullCheckMaxBytes = FULL_CHECK_MAX_BYTES): CheckDepth {
  return databaseBytes(dbPath) <= fullCheckMaxBytes ? 'full' : 'quick'
}

/** The problem in the rows an integrity or quick check returned, or null when they say "ok". */
export function problemInCheckRows(rows: readonly unknown[]): string | null {
  if (rows.length === 1 && rows[0] === 'ok') return null
  return rows.map(String).join('; ') || 'the integrity check gave no answer'
}

/**
 * What SQLite's integrity check says is wrong, or null when the file is sound.
 * At most `limit` problems are listed; a check that itself fails on corrupt
 * pages counts as a problem.
 */
export function integrityProblem(sqlite: BetterSqlite3.Database, depth: CheckDepth = 'full', limit = 10): string | null {
  const pragma = depth === 'full' ? 'integrity_check' : 'quick_check'
  try {
    return problemInCheckRows(sqlite.prepare(`PRAGMA ${pragma}(${Math.max(1, Math.floor(limit))})`).pluck().all())
  } catch (error) {
    if (isCorruptionError(error)) return (error as Error).message
    throw error
  }
}

/** An open database, and whether its full check is done or is still to run in the background. */
export interface CheckedOpen {
  readonly db: Db
  readonly check: 'done' | 'deferred'
}

/**
 * Opens the database for the app's start. A small file is fully checked
 * before anything reads or writes it, so damage stops the start with a clear
 * DamagedDatabaseError instead of failing later (or being written to and
 * damaged further). A larger one opens at once ('deferred'): the caller runs
 * checkInBackground on it, so the start never waits on reading the whole file.
 * A file that is not SQLite, or whose header is corrupt, throws at open either way.
 */
export function openCheckedDatabase(dbPath: string, options: { fullCheckMaxBytes?: number } = {}): CheckedOpen {
  const checkNow = checkDepthFor(dbPath, options.fullCheckMaxBytes) === 'full'
  let db: Db
  try {
    db = openDatabase(dbPath)
  } catch (error) {
    if (isCorruptionError(error)) throw new DamagedDatabaseError(dbPath, (error as Error).message)
    throw error
  }
  if (!checkNow) return { db, check: 'deferred' }
  const problem = integrityProblem(db.sqlite, 'full')
  if (problem) {
    db.sqlite.close()
    throw new DamagedDatabaseError(dbPath, problem)
  }
  return { db, check: 'done' }
}
