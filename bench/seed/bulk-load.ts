import { mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { LIST_TOTALS_BACKFILL } from '../../migrations/0003_performance'
import { LINK_TOTALS_BACKFILLS } from '../../migrations/0006_link_totals'
import { openDatabase } from '../../src/main/db/connection'
import { migrateToLatest } from '../../src/main/db/migrate'
import { registerSqlFunctions } from '../../src/main/db/sql-functions'
import { FTS5_DEFAULT_HASH_BYTES } from '../../src/main/search/deferred-upkeep'

// How the seed generator writes millions of rows fast: a file made by the
// app's own migrations, a connection with no journal, and the derived data
// (indexes, full-text tables, totals) set aside and rebuilt once at the end.

/** Creates `file` (replacing any old one) with the app's schema, by the app's migrations. */
export async function createSchema(file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true })
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
  const app = openDatabase(file)
  await migrateToLatest(app)
  await app.close()
}

/**
 * A connection for a bulk load, for this connection only: no journal at all
 * (a failed build is simply rebuilt) and no foreign-key checks (the generator
 * only writes ids it made; the bench test runs foreign_key_check).
 * better-sqlite3's defensive mode refuses journal_mode=OFF (and writes to
 * full-text shadow tables) unless unsafe mode is on; leaving WAL goes through DELETE.
 */
export function openForBulkLoad(file: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(file)
  db.unsafeMode(true)
  db.pragma('journal_mode = DELETE')
  if (db.pragma('journal_mode = OFF', { simple: true }) !== 'off') throw new Error('Could not turn the journal off for the bulk load')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -1500000')
  db.pragma('temp_store = MEMORY')
  db.pragma('foreign_keys = OFF')
  // The schema's triggers call them, as on every app connection.
  registerSqlFunctions(db)
  return db
}

/** Leaves the file as the app expects it (WAL mode, safe settings) and closes the connection. */
export function finishBulkLoad(db: BetterSqlite3.Database): void {
  db.unsafeMode(false)
  db.pragma('journal_mode = WAL')
  db.close()
}

/**
 * Inserts link rows in key order. Links are keyed by random ids: inserted as
 * their records are written they land all over the B-tree; sorted, they are
 * appended to it.
 */
export function insertLinks(db: BetterSqlite3.Database, table: string, columns: readonly [string, string], rows: [string, string][]): void {
  const insert = db.prepare(`INSERT OR IGNORE INTO ${table} (${columns[0]}, ${columns[1]}) VALUES (?, ?)`)
  rows.sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : p[1] < q[1] ? -1 : p[1] > q[1] ? 1 : 0))
  db.transaction(() => {
    for (const [x, y] of rows) insert.run(x, y)
  })()
}

/** A trigger or index set aside during the load. */
export interface Deferred {
  /** Its own CREATE statement, to restore it unchanged ('' when there is nothing to restore). */
  sql: string
  /** What it would have done for every row loaded, done at once ('' for an index: creating it is enough). */
  replay: string
  /** The tables its replay reads, when it must wait for all of them to be filled. */
  reads?: readonly string[]
}

/**
 * Every trigger and explicit index set aside, in the order they must be put
 * back: `counts` (list and link totals) once every row is in, `derived`
 * (full-text tables, indexes) once the rows of this file are.
 */
export function deferDerived(db: BetterSqlite3.Database): { counts: Deferred[]; derived: Deferred[] } {
  return { counts: deferTotals(db), derived: [...deferInsertTriggers(db), ...deferIndexes(db)] }
}

/** Replays and restores what deferDerived set aside, in one transaction. */
export function restoreDerived(db: BetterSqlite3.Database, deferred: readonly Deferred[]): void {
  db.transaction(() => {
    for (const d of deferred) {
      if (d.replay) db.exec(d.replay)
      if (d.sql) db.exec(d.sql)
    }
  })()
}

/**
 * Drops the insert triggers that keep list_totals and link_totals up to date
 * one row at a time (an upsert per record and per link), and returns the
 * migrations' own backfill, which counts all rows at once, to run at the end.
 */
function deferTotals(db: BetterSqlite3.Database): Deferred[] {
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%total_insert' ORDER BY name`).all() as { name: string; sql: string }[]
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`)
  return [
    { sql: '', replay: LIST_TOTALS_BACKFILL, reads: ['accounts', 'contacts', 'cases'] },
    ...LINK_TOTALS_BACKFILLS.map((b) => ({ sql: '', replay: b.sql, reads: [b.linkTable, b.recordTable] })),
    ...triggers.map(({ sql }) => ({ sql, replay: '' })),
  ]
}

// An index trigger may carry migration 0018's condition, which only an import's deferral turns off
// (index_upkeep_deferred is empty here); a trigger with any other condition is left to run row by row.
const DEFERRAL_CONDITION = /^NOT EXISTS \(SELECT 1 FROM index_upkeep_deferred WHERE table_name = '\w+' AND new\.seq > after_seq\)$/
const SIMPLE_INSERT_TRIGGER =
  /^CREATE TRIGGER (\w+) AFTER INSERT ON (\w+)(?:\s+WHEN\s+(NOT EXISTS \([^)]*\)))?\s+BEGIN\s+INSERT INTO (\w+)\s*\(([^)]*)\)\s*VALUES\s*\((.*)\);\s*END$/is

/**
 * Drops every AFTER INSERT trigger whose body is one INSERT ... VALUES over
 * `new.` columns (the full-text indexes), and returns the same insert for
 * every existing row, in rowid order. It is built from the trigger's own
 * text, so it cannot drift from the schema. FTS5 flushes its buffer at every
 * statement a trigger writes through; one INSERT ... SELECT is many times faster.
 */
function deferInsertTriggers(db: BetterSqlite3.Database): Deferred[] {
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string; sql: string }[]
  const out: Deferred[] = []
  for (const { name, sql } of triggers) {
    const m = SIMPLE_INSERT_TRIGGER.exec(sql.trim())
    if (!m || (m[3] !== undefined && !DEFERRAL_CONDITION.test(m[3]))) continue
    const [, , table, , target, columns, values] = m
    const insert = `INSERT INTO ${target}(${columns}) SELECT ${values!.replace(/\bnew\./g, '')} FROM ${table} ORDER BY rowid;`
    out.push({ sql, replay: isFullText(db, target!) ? inOneSegment(target!, insert) : insert })
    db.exec(`DROP TRIGGER ${name}`)
  }
  return out
}

const isFullText = (db: BetterSqlite3.Database, table: string) =>
  db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ? AND sql LIKE 'CREATE VIRTUAL TABLE% USING fts5%'`).get(table) !== undefined

const BULK_HASH_BYTES = 1024 * 1024 * 1024

/**
 * `insert` into a full-text table with a buffer large enough for all of it,
 * so FTS5 writes one segment, as 'optimize' would leave it, and no time goes
 * into merging the segments each 1 MB flush makes. Left as many segments, the
 * app's first saves would merge them bit by bit (one took 668 ms in a probe).
 */
function inOneSegment(table: string, insert: string): string {
  const hashsize = (bytes: number) => `INSERT INTO ${table}(${table}, rank) VALUES ('hashsize', ${bytes});`
  return [hashsize(BULK_HASH_BYTES), insert, hashsize(FTS5_DEFAULT_HASH_BYTES)].join('\n')
}

/** Drops the explicit (named, not constraint) indexes; rebuilt from their own SQL at the end, a sort instead of random inserts. */
function deferIndexes(db: BetterSqlite3.Database): Deferred[] {
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all() as { name: string; sql: string }[]
  for (const { name } of indexes) db.exec(`DROP INDEX ${name}`)
  return indexes.map(({ sql }) => ({ sql, replay: '' }))
}
