import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Migrator, sql, type Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../src/main/db/connection'
import { migrateToLatest } from '../src/main/db/migrate'
import { openTempApp } from '../test/support/temp-app'
import { splitStatements } from './0001_initial'
import { migrations } from './index'

const here = dirname(fileURLToPath(import.meta.url))
let dir: string
let db: Db
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-migrations-'))
  db = openDatabase(join(dir, 'crm.sqlite'))
})
afterEach(async () => {
  await db.close()
  await rm(dir, { recursive: true, force: true })
})

function schema(d: Db): { type: string; name: string; sql: string | null }[] {
  return d.sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'kysely_%' ORDER BY type, name").all() as never
}

describe('migrations', () => {
  it('the index lists every migration file in this folder, in name order', async () => {
    const files = (await readdir(here))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort()
    expect(files.length).toBeGreaterThan(0)
    for (const f of files) expect(f).toMatch(/^\d{4}_[a-z0-9_]+$/)
    expect(Object.keys(migrations)).toEqual(files)
    for (const m of Object.values(migrations)) expect(typeof m.up).toBe('function')
  })

  it('builds the whole schema on an empty database', async () => {
    expect(schema(db)).toEqual([])
    const result = await migrateToLatest(db)
    expect(result.results?.map((r) => [r.migrationName, r.status])).toEqual(Object.keys(migrations).map((n) => [n, 'Success']))
    const names = schema(db).map((o) => o.name)
    for (const table of ['users', 'teams', 'tags', 'accounts', 'contacts', 'cases', 'comments', 'attachments', 'outbox', 'search_index', 'case_contacts']) {
      expect(names).toContain(table)
    }
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([])
  })

  it('every reference to a record leads an index, so deleting it or listing what it holds never scans a table', async () => {
    await migrateToLatest(db)
    const tables = (db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'kysely_%'`).all() as { name: string }[]).map((t) => t.name)
    const first = (index: string) => (db.sqlite.prepare('SELECT name FROM pragma_index_info(?) WHERE seqno = 0').get(index) as { name: string } | undefined)?.name
    let keys = 0
    for (const table of tables) {
      const leading = (db.sqlite.prepare('SELECT name FROM pragma_index_list(?)').all(table) as { name: string }[]).map((i) => first(i.name))
      // References to users (created_by, author_id) are left out: a handful of rows, which the app never deletes.
      for (const fk of db.sqlite.prepare(`SELECT "from" FROM pragma_foreign_key_list(?) WHERE "table" <> 'users'`).all(table) as { from: string }[]) {
        keys++
        expect(leading, `${table}.${fk.from}`).toContain(fk.from)
      }
    }
    expect(keys).toBeGreaterThan(20)
    // migrations/0009 dropped contacts_by_account: its wider sibling serves an account's contacts.
    const plan = (db.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT * FROM contacts WHERE account_id = 'a' AND is_active = 1 ORDER BY last_name`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    expect(plan).toContain('contacts_by_account_active')
  })

  it('running again is a no-op: nothing applied, the schema unchanged', async () => {
    await migrateToLatest(db)
    const before = schema(db)
    const again = await migrateToLatest(db)
    expect(again.results).toEqual([])
    expect(schema(db)).toEqual(before)
    await db.close()
    // And across a reopen, as at every app start.
    db = openDatabase(join(dir, 'crm.sqlite'))
    expect((await migrateToLatest(db)).results).toEqual([])
    expect(schema(db)).toEqual(before)
  })

  it('a failing migration leaves the schema it found: migrations run in one transaction', async () => {
    await migrateToLatest(db)
    const before = schema(db)
    const broken = {
      ...migrations,
      '9999_broken': {
        async up(k: Kysely<unknown>) {
          await sql`CREATE TABLE half_done (x INTEGER)`.execute(k)
          await sql`ALTER TABLE accounts ADD COLUMN extra TEXT`.execute(k)
          await sql`THIS IS NOT SQL`.execute(k)
        },
      },
    }
    const result = await new Migrator({ db: db.kysely, provider: { getMigrations: async () => broken } }).migrateToLatest()
    expect(result.error).toBeDefined()
    expect(schema(db)).toEqual(before)
  })

  it('opens every database with WAL, foreign keys, synchronous FULL and a busy timeout', async () => {
    const app = await openTempApp()
    try {
      for (const d of [db, app.data.services.db]) {
        expect(d.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
        expect(d.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
        expect(d.sqlite.pragma('synchronous', { simple: true })).toBe(2) // FULL
        expect(d.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
      }
    } finally {
      await app.close()
    }
  })

  it('splits the initial script keeping trigger bodies whole', () => {
    const parts = splitStatements(`CREATE TABLE a (x);\n-- a comment;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  DELETE FROM a;\n  DELETE FROM a;\nEND;\nCREATE INDEX i ON a(x);`)
    expect(parts).toEqual([
      'CREATE TABLE a (x);',
      'CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  DELETE FROM a;\n  DELETE FROM a;\nEND;',
      'CREATE INDEX i ON a(x);',
    ])
  })
})
