import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { substringMatch } from '../../src/main/search/substring'
import { contactSearchMatch } from '../../src/main/contacts/search'
import { createSchema, deferDerived, openForBulkLoad } from './bulk-load'
import { seedDatabase } from './generate'
import type { SeedSizes } from './skeleton'

// The bulk load fills indexes, full-text tables and totals once at the end
// instead of through the row triggers, and builds the comments in a second
// process; the database must be the one the app itself would hold, which is
// what the row-by-row build (every row through the app's triggers) gives.

const TINY: SeedSizes = { accounts: 150, contacts: 400, cases: 600, comments: 2_000, attachments: 50 }
let dir: string
let bulk: BetterSqlite3.Database
let rowByRow: BetterSqlite3.Database

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-seed-test-'))
  await seedDatabase(join(dir, 'bulk.sqlite'), TINY)
  await seedDatabase(join(dir, 'rows.sqlite'), TINY, { bulk: false })
  bulk = new BetterSqlite3(join(dir, 'bulk.sqlite'), { readonly: true })
  rowByRow = new BetterSqlite3(join(dir, 'rows.sqlite'), { readonly: true })
}, 60_000)

afterAll(async () => {
  bulk?.close()
  rowByRow?.close()
  await rm(dir, { recursive: true, force: true })
})

const all = (db: BetterSqlite3.Database, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params)

describe('seedDatabase', () => {
  it('sets aside every trigger that writes a full-text index row by row as records are inserted', async () => {
    const file = join(dir, 'deferred.sqlite')
    await createSchema(file)
    const db = openForBulkLoad(file)
    try {
      deferDerived(db)
      const writesFullText = db
        .prepare(
          `SELECT t.name FROM sqlite_master AS t JOIN sqlite_master AS fts ON fts.type = 'table' AND fts.sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'
           WHERE t.type = 'trigger' AND t.sql LIKE '% AFTER INSERT ON %' AND t.sql LIKE '%INSERT INTO ' || fts.name || '%' ORDER BY t.name`,
        )
        .pluck()
        .all()
      expect(writesFullText).toEqual([])
    } finally {
      db.close()
    }
  })

  it('is deterministic and holds the same rows either way', () => {
    // Plain tables only: full-text tables and their shadow tables are compared by their answers below.
    const virtual = (all(bulk, `SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'`) as { name: string }[]).map((t) => t.name)
    const tables = (all(bulk, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY name`) as { name: string }[])
      .map((t) => t.name)
      .filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)))
    expect(tables).toContain('list_totals')
    expect(tables).toContain('link_totals')
    expect(tables).toContain('comments')
    for (const table of tables) {
      const sql = `SELECT * FROM ${table} ORDER BY 1, 2`
      expect(all(bulk, sql), table).toEqual(all(rowByRow, sql))
    }
    expect(all(bulk, 'SELECT count(*) AS n FROM comments')).toEqual([{ n: TINY.comments }])
  })

  it('has the same schema (triggers and indexes restored) and a full-text index that answers the same', () => {
    const schema = `SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name`
    expect(all(bulk, schema)).toEqual(all(rowByRow, schema))
    for (const term of ['müller', 'scanner', 'berlin', 'quote', 'sch*', '"login fails"', 'rma*', 'nordic']) {
      const sql = 'SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid'
      const hits = all(bulk, sql, term)
      expect(hits, term).toEqual(all(rowByRow, sql, term))
    }
    expect(all(bulk, `SELECT rowid FROM search_index WHERE search_index MATCH 'scanner'`).length).toBeGreaterThan(0)
    const substrings = [['accounts_grams', 'name_key', 'gmbh'], ['contact_search', 'email_key', 'schmidt'], ['contact_search', 'name_key', 'anna'], ['cases_grams', 'name_key', 'scanner'], ['contacts_city_grams', 'city_key', 'berlin']] as const
    for (const [index, column, term] of substrings) {
      const sql = `SELECT rowid FROM ${index} WHERE ${index} MATCH ? ORDER BY rowid`
      const match = substringMatch(column, term)
      expect(all(bulk, sql, match), `${index} ${term}`).toEqual(all(rowByRow, sql, match))
    }
    expect(all(bulk, `SELECT rowid FROM accounts_grams WHERE accounts_grams MATCH ?`, substringMatch('name_key', 'gmbh')).length).toBeGreaterThan(0)
    // The contacts search box's index, which also holds each contact's account name (migrations/0017).
    for (const [term, state] of [['schmidt', 'all'], ['gmbh', 'active'], ['sö', 'active'], ['logist', 'closed']] as const) {
      const sql = 'SELECT rowid FROM contact_search WHERE contact_search MATCH ? ORDER BY rowid'
      expect(all(bulk, sql, contactSearchMatch(term, state)), `contact_search ${term}`).toEqual(all(rowByRow, sql, contactSearchMatch(term, state)))
    }
    expect(all(bulk, `SELECT rowid FROM contact_search WHERE contact_search MATCH ?`, contactSearchMatch('gmbh', 'all')).length).toBeGreaterThan(0)
    // Comments' own index, copied over from the second process's file.
    for (const term of ['quote', 'firmware', 'müller', 'call*', 'nothing_like_this']) {
      const sql = 'SELECT rowid FROM comment_search WHERE comment_search MATCH ? ORDER BY rowid'
      expect(all(bulk, sql, term), term).toEqual(all(rowByRow, sql, term))
    }
    expect(all(bulk, `SELECT rowid FROM comment_search WHERE comment_search MATCH 'quote'`).length).toBeGreaterThan(0)
  })

  it('keeps every reference valid and the file sound, in WAL mode', () => {
    expect(all(bulk, 'PRAGMA foreign_key_check')).toEqual([])
    expect(all(bulk, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])
    expect(bulk.pragma('journal_mode', { simple: true })).toBe('wal')
  })

  it('keeps per-tag and per-assignee totals equal to the links loaded', () => {
    // The bulk load counts link_totals at the end (the migration's backfill); the totals must match a count of the rows.
    const kept = `SELECT target_id, sum(n) AS n FROM link_totals WHERE entity = ? AND link = ? GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1`
    for (const [entity, table, link, target] of [
      ['account', 'account_tags', 'tag', 'tag_id'],
      ['contact', 'contact_assignees', 'assignee', 'user_id'],
      ['case', 'case_tags', 'tag', 'tag_id'],
      ['case', 'case_assignees', 'assignee', 'user_id'],
    ] as const) {
      const counted = all(bulk, `SELECT ${target} AS target_id, count(*) AS n FROM ${table} GROUP BY 1 ORDER BY 1`)
      expect(counted.length, table).toBeGreaterThan(0)
      expect(all(bulk, kept, entity, link), table).toEqual(counted)
    }
  })
})
