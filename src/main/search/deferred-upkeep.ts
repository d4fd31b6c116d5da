import type { Statement } from 'better-sqlite3'

// Bulk upkeep of the search indexes for an import (migrations/0018): while a
// row of index_upkeep_deferred names a table, its index triggers leave out
// the rows added after `after_seq`; catchUp() then fills each index for all
// of them with one INSERT ... SELECT, and removes the row. Both run inside the
// caller's transaction, so no committed state has a record missing from an
// index. The fill is each index's own insert trigger run over the new rows
// (its VALUES read from the table aliased `new`), taken from the schema at
// the time, so it always writes what the trigger would have.

export type DeferredTable = 'accounts' | 'contacts' | 'cases'

export interface DeferredUpkeep {
  /** Fills the indexes for every row added since the deferral began, and ends it. */
  catchUp(): void
}

const BODY = /^\s*(INSERT INTO ([\w]+)\s*\([\w\s,]+\))\s*VALUES\s*\(([\s\S]*)\)\s*;\s*$/i

/** The bulk fill of one index: the index's name and its insert trigger's INSERT, over the table's rows after a seq. */
export interface IndexFill {
  index: string
  sql: string
}

/** The bulk fill of one deferrable insert trigger. */
function fillOf(table: DeferredTable, triggerSql: string): IndexFill {
  const begin = /\bBEGIN\b/i.exec(triggerSql)
  const end = /\bEND\s*;?\s*$/i.exec(triggerSql)
  const body = begin && end ? BODY.exec(triggerSql.slice(begin.index + begin[0].length, end.index)) : null
  if (!body) throw new Error(`An index trigger on ${table} is not one INSERT ... VALUES, which the deferred upkeep can fill in bulk`)
  return { index: body[2]!, sql: `${body[1]} SELECT ${body[3]} FROM ${table} AS new WHERE new.seq > ? ORDER BY new.seq` }
}

/** The fills for `table`: one per insert trigger that defers (its SQL names index_upkeep_deferred). */
export function fillsOf(statement: (sql: string) => Statement, table: DeferredTable): IndexFill[] {
  const triggers = statement(
    `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE '% AFTER INSERT ON %' AND sql LIKE '%index_upkeep_deferred%' ORDER BY name`,
  ).all(table) as { sql: string }[]
  return triggers.map((t) => fillOf(table, t.sql))
}

// FTS5 holds an index's new entries in memory and writes them out as a
// segment whenever they pass 'hashsize' (1 MB by default), merging segments
// as they pile up. A bulk fill of 20,000 contacts wrote dozens of segments and
// merged them again; 8 MB writes a few, and the fill took about 15% less
// (4, 16 and 32 MB did about as well, 64 MB worse). Set for the fill only,
// inside its transaction (a failed fill rolls it back), and put back after.
const BULK_HASH_BYTES = 8 * 1024 * 1024
/** FTS5's default buffer of pending index data (its 'hashsize' option), flushed as a new segment whenever it fills. */
export const FTS5_DEFAULT_HASH_BYTES = 1024 * 1024

/** Runs one fill (of the rows after `after`) with the larger buffer, then puts the index's own back. */
function runWithBulkHash(statement: (sql: string) => Statement, { index, sql }: IndexFill, after: number): void {
  const configured = statement(`SELECT v FROM "${index}_config" WHERE k = 'hashsize'`).get() as { v: number } | undefined
  // An integer in the SQL: a bound JavaScript number is a REAL, which FTS5 refuses.
  const setHash = (bytes: number) => statement(`INSERT INTO "${index}" ("${index}", rank) VALUES ('hashsize', ${Math.trunc(bytes)})`).run()
  setHash(BULK_HASH_BYTES)
  statement(sql).run(after)
  setHash(configured?.v ?? FTS5_DEFAULT_HASH_BYTES)
}

/**
 * Defers the index upkeep of rows added to `table` from now on. Call inside a
 * transaction, and catchUp() before it commits; a rollback undoes both.
 */
export function deferIndexUpkeep(statement: (sql: string) => Statement, table: DeferredTable): DeferredUpkeep {
  const { after } = statement(`SELECT coalesce(max(seq), 0) AS after FROM ${table}`).get() as { after: number }
  statement(`INSERT INTO index_upkeep_deferred (table_name, after_seq) VALUES (?, ?)`).run(table, after)
  return {
    catchUp() {
      for (const fill of fillsOf(statement, table)) runWithBulkHash(statement, fill, after)
      statement(`DELETE FROM index_upkeep_deferred WHERE table_name = ?`).run(table)
    },
  }
}
