import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrations } from '../../../migrations/index'
import { corruptCopy } from '../../../test/support/damage'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'

let app: TempApp
let outside: string
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
  outside = await mkdtemp(join(tmpdir(), 'fieldcrm-user-files-'))
})
afterEach(async () => {
  await app.close()
  await rm(outside, { recursive: true, force: true })
})

const accountNames = async () => ok(await app.api.accounts.list({})).items.map((a) => a.name).sort()

async function backupTo(name: string): Promise<string> {
  app.desktop.backupSavePath = join(outside, name)
  const result = ok(await app.api.data.backup())
  if (result.status !== 'saved') throw new Error('backup was cancelled')
  return result.path
}

describe('data.backup', () => {
  it('writes a complete, self-contained copy of the database to the chosen file', async () => {
    ok(await app.api.accounts.create({ name: 'Acme' }))
    ok(await app.api.accounts.create({ name: 'Globex' }))
    const path = await backupTo('my backup.sqlite')

    expect(path).toBe(join(outside, 'my backup.sqlite'))
    expect(await readdir(outside)).toEqual(['my backup.sqlite'])
    const copy = new BetterSqlite3(path, { readonly: true })
    try {
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(copy.prepare('SELECT name FROM accounts ORDER BY name').pluck().all()).toEqual(['Acme', 'Globex'])
      expect(copy.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(2)
    } finally {
      copy.close()
    }
  })

  it('is one consistent moment while writes go on', async () => {
    app.desktop.backupSavePath = join(outside, 'busy.sqlite')
    const backup = app.api.data.backup()
    const writes = Array.from({ length: 30 }, (_, i) => app.api.accounts.create({ name: `Busy ${i}` }))
    ok(await backup)
    for (const w of writes) ok(await w)
    const copy = new BetterSqlite3(join(outside, 'busy.sqlite'), { readonly: true })
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      const accounts = copy.prepare('SELECT count(*) FROM accounts').pluck().get()
      // Every account and its outbox row are written in one transaction: a copy holds both or neither.
      expect(copy.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(accounts)
    } finally {
      copy.close()
    }
    expect(await accountNames()).toHaveLength(30)
  })

  it('does nothing when the dialog is cancelled, and refuses the live database as target', async () => {
    expect(ok(await app.api.data.backup())).toEqual({ status: 'cancelled' })
    app.desktop.backupSavePath = app.data.dbPath
    expect(err(await app.api.data.backup()).code).toBe('invalid_input')
    app.desktop.backupSavePath = app.data.dbPath + '-wal'
    expect(err(await app.api.data.backup()).code).toBe('invalid_input')
    app.desktop.backupSavePath = join(outside, 'no-such-folder', 'x.sqlite')
    expect(err(await app.api.data.backup()).code).toBe('io')
    expect(await readdir(outside)).toEqual([])
  })

  it('refuses any payload but nothing', async () => {
    expect(err(await app.dispatch('data.backup', { path: '/etc/passwd' })).code).toBe('invalid_input')
    expect(err(await app.dispatch('data.restore', { path: '/tmp/x' })).code).toBe('invalid_input')
    expect(err(await app.dispatch('data.export', { format: 'xml' })).code).toBe('invalid_input')
  })
})

describe('data.restore', () => {
  it('puts the backup in place of the current data and keeps the previous data', async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    const path = await backupTo('before.sqlite')
    ok(await app.api.accounts.create({ name: 'Later Ltd' }))
    ok(await app.api.accounts.delete({ id: acme.id }))
    expect(await accountNames()).toEqual(['Later Ltd'])

    app.desktop.backupToOpen = path
    const result = ok(await app.api.data.restore())
    if (result.status !== 'restored') throw new Error('cancelled')
    expect(result.path).toBe(path)
    expect(result.missingAttachmentFiles).toBe(0)

    expect(await accountNames()).toEqual(['Acme'])
    expect(ok(await app.api.accounts.get({ id: acme.id })).account.name).toBe('Acme')
    const outbox = await app.data.services.db.kysely.selectFrom('outbox').select('op').execute()
    expect(outbox.map((o) => o.op)).toEqual(['create'])
    // The app keeps working on the restored data.
    ok(await app.api.accounts.create({ name: 'After Restore' }))
    expect(await accountNames()).toEqual(['Acme', 'After Restore'])
    expect(app.data.services.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')

    // The data as it was just before is kept in backups/.
    expect(result.previousDataCopy.startsWith(join(app.dir, 'backups'))).toBe(true)
    const previous = new BetterSqlite3(result.previousDataCopy, { readonly: true })
    expect(previous.prepare('SELECT name FROM accounts').pluck().all()).toEqual(['Later Ltd'])
    previous.close()
    // No staging copy is left behind, and the user's backup file is untouched.
    expect((await readdir(app.dir)).filter((n) => n.startsWith('crm.restore-'))).toEqual([])
    expect(await readdir(outside)).toEqual(['before.sqlite'])
  })

  it('keeps this computer\'s user as "me" when the backup comes from another installation', async () => {
    const other = await openTempApp()
    try {
      ok(await other.api.accounts.create({ name: 'From Elsewhere' }))
      other.desktop.backupSavePath = join(outside, 'other.sqlite')
      ok(await other.api.data.backup())
    } finally {
      await other.close()
    }
    app.desktop.backupToOpen = join(outside, 'other.sqlite')
    ok(await app.api.data.restore())
    const me = await app.data.services.db.kysely.selectFrom('users').select('id').where('is_me', '=', 1).execute()
    expect(me).toEqual([{ id: app.data.services.meId }])
    const comment = ok(await app.api.comments.add({ parent: { type: 'account', id: ok(await app.api.accounts.list({})).items[0]!.id }, body: 'still works' }))
    expect(comment.body).toBe('still works')
  })

  it('refuses files that are not a sound Field CRM backup and changes nothing', async () => {
    ok(await app.api.accounts.create({ name: 'Keep Me' }))
    const good = await backupTo('good.sqlite')

    const text = join(outside, 'notes.sqlite')
    await writeFile(text, 'SQLite format 3 is what I am not '.repeat(200))
    const foreign = join(outside, 'foreign.sqlite')
    const f = new BetterSqlite3(foreign)
    f.exec('CREATE TABLE things (x)')
    f.close()
    const newer = join(outside, 'newer.sqlite')
    await writeFile(newer, await readFile(good))
    const n = new BetterSqlite3(newer)
    n.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999_from_the_future', new Date().toISOString())
    n.close()
    const damaged = join(outside, 'damaged.sqlite')
    await writeFile(damaged, await corruptCopy(good))

    for (const [file, expected] of [
      [text, /not a database/],
      [foreign, /not a Field CRM backup/],
      [newer, /newer version/],
      [damaged, /damaged|not a database|malformed/],
      [join(outside, 'missing.sqlite'), /could not be read/],
      [app.data.dbPath, /part of the data Field CRM is using/],
    ] as const) {
      app.desktop.backupToOpen = file
      const e = err(await app.api.data.restore())
      expect(e.message, file).toMatch(expected)
      expect(await accountNames()).toEqual(['Keep Me'])
    }
    expect((await readdir(app.dir)).filter((name) => name.startsWith('crm.restore-'))).toEqual([])
    expect(existsSync(join(app.dir, 'backups'))).toBe(false)
  })

  it('does nothing when the dialog is cancelled', async () => {
    ok(await app.api.accounts.create({ name: 'Stays' }))
    expect(ok(await app.api.data.restore())).toEqual({ status: 'cancelled' })
    expect(await accountNames()).toEqual(['Stays'])
  })
})

describe('data.export', () => {
  async function seed() {
    const tag = ok(await app.api.tags.create({ name: 'VIP' }))
    const acme = ok(await app.api.accounts.create({ name: 'Acme, "the" company', city: 'Zürich', tag_ids: [tag.id] }))
    ok(await app.api.contacts.create({ first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com', account_id: acme.id }))
    ok(await app.api.comments.add({ parent: { type: 'account', id: acme.id }, body: 'line one\nline two' }))
    return { acme, tag }
  }

  it('writes every table as JSON, with a manifest, into a new folder', async () => {
    const { acme, tag } = await seed()
    app.desktop.exportFolder = outside
    const result = ok(await app.api.data.export({ format: 'json' }))
    if (result.status !== 'exported') throw new Error('cancelled')
    expect(await readdir(outside)).toEqual([result.folder.slice(outside.length + 1)])

    const names = result.tables.map((t) => t.name)
    expect(names).toEqual(expect.arrayContaining(['accounts', 'contacts', 'cases', 'comments', 'attachments', 'outbox', 'tags', 'users', 'account_tags']))
    expect(names.filter((n) => /search_index|comment_search|_grams|^kysely|^sqlite|^list_totals$/.test(n))).toEqual([])
    const files = (await readdir(result.folder)).sort()
    expect(files).toEqual([...result.tables.map((t) => t.file), 'manifest.json'].sort())

    const accounts = JSON.parse(await readFile(join(result.folder, 'accounts.json'), 'utf8')) as Record<string, unknown>[]
    expect(accounts).toHaveLength(1)
    expect(accounts[0]).toMatchObject({ id: acme.id, name: 'Acme, "the" company', city: 'Zürich' })
    expect(JSON.parse(await readFile(join(result.folder, 'account_tags.json'), 'utf8'))).toEqual([{ account_id: acme.id, tag_id: tag.id }])
    expect(JSON.parse(await readFile(join(result.folder, 'cases.json'), 'utf8'))).toEqual([])
    const manifest = JSON.parse(await readFile(join(result.folder, 'manifest.json'), 'utf8'))
    expect(manifest).toMatchObject({ app: 'Field CRM', format: 'json', schema: Object.keys(migrations), tables: result.tables })
    expect(result.tables.find((t) => t.name === 'outbox')?.rows).toBe(await outboxRows())
  })

  it('never exports the sync credential', async () => {
    app.data.services.db.sqlite
      .prepare(`INSERT INTO sync_connection (id, server_url, auth_kind, secret, email) VALUES (1, 'https://crm.example.com', 'pat', ?, 'me@example.com')`)
      .run(Buffer.from('bcrm_pat_encrypted-by-the-key-store'))
    app.desktop.exportFolder = outside
    for (const format of ['json', 'csv'] as const) {
      const result = ok(await app.api.data.export({ format }))
      if (result.status !== 'exported') throw new Error('cancelled')
      const text = await readFile(join(result.folder, `sync_connection.${format}`), 'utf8')
      expect(text).toContain('https://crm.example.com')
      expect(text).not.toContain('secret')
      expect(text).not.toContain('encrypted-by')
      await rm(result.folder, { recursive: true })
    }
  })

  it('writes every table as CSV with a header row that reads back to the same values', async () => {
    const { acme } = await seed()
    app.desktop.exportFolder = outside
    const result = ok(await app.api.data.export({ format: 'csv' }))
    if (result.status !== 'exported') throw new Error('cancelled')
    const accounts = parse(await readFile(join(result.folder, 'accounts.csv')), { columns: true }) as Record<string, string>[]
    expect(accounts).toEqual([expect.objectContaining({ id: acme.id, name: 'Acme, "the" company', city: 'Zürich', phone: '' })])
    const comments = parse(await readFile(join(result.folder, 'comments.csv')), { columns: true }) as Record<string, string>[]
    expect(comments[0]?.body).toBe('line one\nline two')
    const cases = parse(await readFile(join(result.folder, 'cases.csv')), { columns: false }) as string[][]
    expect(cases).toHaveLength(1) // the header only
    expect(cases[0]).toContain('priority')
  })

  it('does nothing when cancelled and never writes into an existing export folder', async () => {
    expect(ok(await app.api.data.export({ format: 'csv' }))).toEqual({ status: 'cancelled' })
    app.desktop.exportFolder = join(outside, 'missing', 'deeper')
    expect(err(await app.api.data.export({ format: 'csv' })).code).toBe('io')
  })
})

async function outboxRows(): Promise<number> {
  const rows = await app.data.services.db.kysely.selectFrom('outbox').select('seq').execute()
  return rows.length
}
