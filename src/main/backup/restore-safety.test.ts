import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Migrator } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrations } from '../../../migrations/index'
import { openDatabase } from '../db/connection'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'

// What a restore must never let in (code hidden in a backup) and what it must
// never lose (the attachments of the data it set aside).

let app: TempApp
let dataDir: string
let outside: string
/** What the file picker answers. */
let picks: string[]
const reopen = async () => {
  await app.close()
  app = await openTempApp({ dir: dataDir, clock: steppingClock(), picks })
}
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fieldcrm-restore-'))
  picks = []
  app = await openTempApp({ dir: dataDir, clock: steppingClock(), picks })
  outside = await mkdtemp(join(tmpdir(), 'fieldcrm-user-files-'))
})
afterEach(async () => {
  await app.close()
  await rm(dataDir, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

const accountNames = async (a = app) => ok(await a.api.accounts.list({})).items.map((x) => x.name).sort()

async function backupTo(name: string): Promise<string> {
  app.desktop.backupSavePath = join(outside, name)
  const result = ok(await app.api.data.backup())
  if (result.status !== 'saved') throw new Error('backup was cancelled')
  return result.path
}

/** A copy of `good` with `sql` run on it, as a crafted file would be. */
async function crafted(good: string, name: string, sql: string): Promise<string> {
  const path = join(outside, name)
  const copy = new BetterSqlite3(good, { readonly: true })
  await copy.backup(path)
  copy.close()
  const db = new BetterSqlite3(path)
  db.exec(sql)
  db.close()
  return path
}

describe('a restore brings back data only', () => {
  it('refuses a backup holding triggers, views, tables or indexes the app does not make, and names them', async () => {
    for (let i = 0; i < 5; i++) ok(await app.api.accounts.create({ name: `Account ${i}` }))
    const good = await backupTo('good.sqlite')
    const appTrigger = app.data.services.db.sqlite.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name LIMIT 1`).get() as { name: string; sql: string }

    const cases: Array<[string, string, RegExp]> = [
      ['wipe.sqlite', 'CREATE TRIGGER wipe AFTER INSERT ON accounts BEGIN DELETE FROM accounts WHERE id <> NEW.id; END', /trigger wipe \(on accounts\)/],
      ['steal.sqlite', `CREATE TABLE loot (x); CREATE TRIGGER steal AFTER UPDATE ON sync_connection BEGIN INSERT INTO loot VALUES (NEW.secret); END`, /table loot, trigger steal \(on sync_connection\)/],
      ['view.sqlite', 'CREATE VIEW everyone AS SELECT * FROM users', /view everyone/],
      ['index.sqlite', 'CREATE INDEX sneaky ON accounts (name)', /index sneaky \(on accounts\)/],
      ['changed.sqlite', `DROP TRIGGER ${appTrigger.name}; ${appTrigger.sql.replace(/BEGIN/, 'BEGIN DELETE FROM outbox;')}`, new RegExp(`trigger ${appTrigger.name} .*\\(changed\\)`)],
    ]
    app.data.services.db.sqlite.prepare('UPDATE accounts SET name = ? WHERE name = ?').run('Renamed 0', 'Account 0')
    for (const [name, sql, named] of cases) {
      app.desktop.backupToOpen = await crafted(good, name, sql)
      const e = err(await app.api.data.restore())
      expect(e.code, name).toBe('invalid_input')
      expect(e.message, name).toMatch(/not restored: it holds database objects Field CRM does not make/)
      expect(e.message, name).toMatch(named)
    }
    // Nothing changed: no data replaced, no copy set aside, and the app's writes run no foreign code.
    expect(existsSync(join(dataDir, 'backups'))).toBe(false)
    ok(await app.api.accounts.create({ name: 'After' }))
    expect(await accountNames()).toEqual(['Account 1', 'Account 2', 'Account 3', 'Account 4', 'After', 'Renamed 0'])
    const triggers = app.data.services.db.sqlite.prepare(`SELECT name FROM sqlite_schema WHERE name IN ('wipe', 'steal', 'everyone', 'sneaky', 'loot')`).all()
    expect(triggers).toEqual([])
  })

  it('keeps a refusal short when a file holds thousands of foreign objects', async () => {
    ok(await app.api.accounts.create({ name: 'Acme' }))
    const good = await backupTo('good.sqlite')
    const many = Array.from({ length: 60 }, (_, i) => `CREATE VIEW v${i} AS SELECT 1;`).join('\n')
    app.desktop.backupToOpen = await crafted(good, 'many.sqlite', many)
    const e = err(await app.api.data.restore())
    expect(e.message).toMatch(/and 50 more$/)
    expect(e.message.length).toBeLessThan(400)
  })

  it('restores a backup made by an older version, and migrates it', async () => {
    const old = join(outside, 'old.sqlite')
    const db = openDatabase(old)
    const first = Object.keys(migrations).slice(0, 4)
    const result = await new Migrator({ db: db.kysely, provider: { getMigrations: async () => Object.fromEntries(first.map((n) => [n, migrations[n]!])) } }).migrateToLatest()
    expect(result.error).toBeUndefined()
    db.sqlite.prepare(`INSERT INTO users (id, email, name, role, is_me, is_active, created_at, updated_at) VALUES (?, '', 'Old Me', 'ADMIN', 1, 1, '2026-01-01', '2026-01-01')`).run(crypto.randomUUID())
    db.sqlite.pragma('journal_mode = DELETE')
    await db.close()

    app.desktop.backupToOpen = old
    expect(ok(await app.api.data.restore()).status).toBe('restored')
    const applied = app.data.services.db.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all()
    expect(applied).toEqual(Object.keys(migrations))
    expect(app.data.services.db.sqlite.prepare('SELECT id FROM users WHERE is_me = 1').pluck().all()).toEqual([app.data.services.meId])
    ok(await app.api.accounts.create({ name: 'On the old data' }))
  })

  it('restores a backup whose pages are another size than the live database', async () => {
    ok(await app.api.accounts.create({ name: 'Big Pages' }))
    const good = await backupTo('good.sqlite')
    const livePageSize = app.data.services.db.sqlite.pragma('page_size', { simple: true })
    const other = join(outside, 'pages.sqlite')
    const copy = new BetterSqlite3(good, { readonly: true })
    await copy.backup(other)
    copy.close()
    const db = new BetterSqlite3(other)
    db.pragma('journal_mode = DELETE')
    db.pragma(`page_size = ${livePageSize === 8192 ? 16384 : 8192}`)
    db.exec('VACUUM')
    expect(db.pragma('page_size', { simple: true })).not.toBe(livePageSize)
    db.close()
    ok(await app.api.accounts.create({ name: 'Later' }))

    app.desktop.backupToOpen = other
    const result = ok(await app.api.data.restore())
    expect(result.status).toBe('restored')
    expect(await accountNames()).toEqual(['Big Pages'])
    expect(app.data.services.db.sqlite.pragma('page_size', { simple: true })).toBe(livePageSize)
    expect(app.data.services.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    ok(await app.api.accounts.create({ name: 'After' }))
  })
})

describe('a restore loses no attachment', () => {
  it('keeps the files the set-aside data names, so undoing the restore finds them', async () => {
    const account = ok(await app.api.accounts.create({ name: 'Empty' }))
    const empty = await backupTo('empty.sqlite')
    const source = join(outside, 'contract.pdf')
    await writeFile(source, 'the signed contract')
    picks.push(source)
    const [attachment] = ok(await app.api.attachments.pick({ parent: { type: 'account', id: account.id } }))
    const stored = app.data.services.files.pathOf(attachment!.sha256)

    app.desktop.backupToOpen = empty
    const restored = ok(await app.api.data.restore())
    if (restored.status !== 'restored') throw new Error('cancelled')
    // The next start cleans up the store; the set-aside copy still names the file.
    await reopen()
    expect(existsSync(stored)).toBe(true)

    // Undoing the restore brings back the attachment with its file.
    app.desktop.backupToOpen = await (async () => {
      const undo = join(outside, 'undo.sqlite')
      const copy = new BetterSqlite3(restored.previousDataCopy, { readonly: true })
      await copy.backup(undo)
      copy.close()
      return undo
    })()
    ok(await app.api.data.restore())
    expect(ok(await app.api.attachments.open({ id: attachment!.id }))).toMatchObject({ id: attachment!.id })
  })

  it('removes nothing when a kept copy cannot be read', async () => {
    const account = ok(await app.api.accounts.create({ name: 'Acme' }))
    const source = join(outside, 'photo.jpg')
    await writeFile(source, 'JPEG')
    picks.push(source)
    const [attachment] = ok(await app.api.attachments.pick({ parent: { type: 'account', id: account.id } }))
    await app.data.services.db.kysely.deleteFrom('attachments').execute() // as a crash before the file removal leaves it
    await mkdir(join(dataDir, 'backups'))
    await writeFile(join(dataDir, 'backups', 'before-restore-unreadable.sqlite'), 'not a database')
    await reopen()
    expect(await readdir(join(dataDir, 'attachments', 'blobs', attachment!.sha256.slice(0, 2)))).toEqual([attachment!.sha256])
  })
})
