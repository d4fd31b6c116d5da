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
 * Up to this size the full integrity check runs; above it the quick check,
 * which reads every page and b-tree but skips the index-against-table
 * comparison. Both block the main process while they run. Measured on this
 * project's shared 2-core machine with a 225 MB database (a tenth of the
 * benchmark's data set): quick_check 1.0–2.0 s, integrity_check 5.6–16 s.
 */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024

/** Which check a database file gets, by its size (with its WAL). */
export function checkDepthFor(dbPath: string): CheckDepth {
  let bytes = 0
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(dbPath + suffix).size
    } catch {
      // no such file
    }
  }
  return bytes <= FULL_CHECK_MAX_BYTES ? 'full' : 'quick'
}

/**
 * What SQLite's integrity check says is wrong, or null when the file is sound.
 * At most `limit` problems are listed; a check that itself fails on corrupt
 * pages counts as a problem.
 */
export function integrityProblem(sqlite: BetterSqlite3.Database, depth: CheckDepth = 'full', limit = 10): string | null {
  const pragma = depth === 'full' ? 'integrity_check' : 'quick_check'
  try {
    const rows = sqlite.prepare(`PRAGMA ${pragma}(${Math.max(1, Math.floor(limit))})`).pluck().all() as string[]
    if (rows.length === 1 && rows[0] === 'ok') return null
    return rows.join('; ') || 'the integrity check gave no answer'
  } catch (error) {
    if (isCorruptionError(error)) return (error as Error).message
    throw error
  }
}

/**
 * Opens the database and checks it before anything reads or writes it, so a
 * damaged file stops the start with a clear DamagedDatabaseError instead of
 * failing somewhere later (or being written to and damaged further).
 */
export function openCheckedDatabase(dbPath: string): Db {
  let db: Db
  try {
    db = openDatabase(dbPath)
  } catch (error) {
    if (isCorruptionError(error)) throw new DamagedDatabaseError(dbPath, (error as Error).message)
    throw error
  }
  const problem = integrityProblem(db.sqlite, checkDepthFor(dbPath))
  if (problem) {
    db.sqlite.close()
    throw new DamagedDatabaseError(dbPath, problem)
  }
  return db
}
