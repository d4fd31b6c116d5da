import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { err, ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { FileGrants, grantDropped } from '../security/file-grants'

// The page may only attach or import what the user picked or dropped: a page
// that names /etc/passwd or the live database itself gets nothing, and nothing
// is stored or queued for upload.

let app: TempApp
let outside: string
let account: { type: 'account'; id: string }
beforeEach(async () => {
  app = await openTempApp()
  outside = await mkdtemp(join(tmpdir(), 'fieldcrm-chosen-'))
  account = { type: 'account', id: ok(await app.api.accounts.create({ name: 'Acme' })).id }
})
afterEach(async () => {
  await app.close()
  await rm(outside, { recursive: true, force: true })
})

const stored = () => app.data.services.db.sqlite.prepare('SELECT count(*) FROM attachments').pluck().get()

describe('attachments.add', () => {
  it('refuses a path the user did not pick or drop, storing nothing', async () => {
    const mine = join(outside, 'mine.txt')
    await writeFile(mine, 'mine')
    for (const path of ['/etc/passwd', app.data.dbPath, mine]) {
      const e = err(await app.api.attachments.add({ parent: account, source_path: path }))
      expect(e.code, path).toBe('invalid_input')
      expect(e.message).toMatch(/picker or drop it/)
    }
    expect(stored()).toBe(0)
    expect(await app.data.services.files.listHashes()).toEqual([])
    expect(app.data.services.db.sqlite.prepare(`SELECT count(*) FROM outbox WHERE entity = 'attachment'`).pluck().get()).toBe(0)
    // The same file once dropped is attached.
    ok(await app.api.attachments.add({ parent: account, source_path: app.chose(mine) }))
    expect(stored()).toBe(1)
  })

  it('refuses a link that leads into the attachment store, even when dropped', async () => {
    const mine = join(outside, 'mine.txt')
    await writeFile(mine, 'mine')
    const first = ok(await app.api.attachments.add({ parent: account, source_path: app.chose(mine) }))
    const link = join(outside, 'link.txt')
    await symlink(app.data.services.files.pathOf(first.sha256), link)
    const e = err(await app.api.attachments.add({ parent: account, source_path: app.chose(link) }))
    expect(e.message).toMatch(/already inside the attachment store/)
    expect(stored()).toBe(1)
  })
})

describe('import.preview and import.run', () => {
  it('refuse a path the user did not pick', async () => {
    const csv = join(outside, 'people.csv')
    await writeFile(csv, 'name\nSecret Corp\n')
    expect(err(await app.api.import.preview({ kind: 'accounts', source_path: csv })).message).toMatch(/picker or drop it/)
    const run = { kind: 'accounts' as const, source_path: csv, mapping: ['name'], has_header: true, import_id: crypto.randomUUID() }
    expect(err(await app.api.import.run(run)).code).toBe('invalid_input')
    expect(ok(await app.api.accounts.list({})).items.map((a) => a.name)).toEqual(['Acme'])
    // Picked in the dialog, the same file previews and imports.
    app.desktop.csvToOpen = csv
    const preview = ok(await app.api.import.preview({ kind: 'accounts' }))
    expect(preview.cancelled).toBe(false)
    ok(await app.api.import.preview({ kind: 'accounts', source_path: csv }))
    expect(ok(await app.api.import.run(run))).toMatchObject({ imported: true, created: 1 })
  })
})

describe('FileGrants', () => {
  it('remembers absolute paths for an hour, and at most a thousand of them', () => {
    let now = 0
    const grants = new FileGrants(() => now)
    expect(grants.grant('relative/file.txt')).toBe(false)
    expect(grants.grant('/home/u/a.txt\0')).toBe(false)
    expect(grants.grant('/home/u/a.txt')).toBe(true)
    expect(grants.allows('/home/u/./a.txt')).toBe(true)
    expect(grants.allows('/home/u/b.txt')).toBe(false)
    now += 60 * 60 * 1000 + 1
    expect(grants.allows('/home/u/a.txt')).toBe(false)
    for (let i = 0; i <= 1000; i++) grants.grant(`/f/${i}`)
    expect(grants.allows('/f/0')).toBe(false)
    expect(grants.allows('/f/1000')).toBe(true)
  })
})

describe('the preload report of a dropped file', () => {
  it('is taken only from the app page, and only as an absolute path', () => {
    const grants = new FileGrants()
    expect(grantDropped(grants, 'https://evil.example/', '/home/u/a.txt')).toBe(false)
    expect(grantDropped(grants, undefined, '/home/u/a.txt')).toBe(false)
    expect(grantDropped(grants, 'app://crm/index.html', { path: '/home/u/a.txt' })).toBe(false)
    expect(grantDropped(grants, 'app://crm/index.html', '/x'.repeat(3000))).toBe(false)
    expect(grants.allows('/home/u/a.txt')).toBe(false)
    expect(grantDropped(grants, 'app://crm/index.html', '/home/u/a.txt')).toBe(true)
    expect(grants.allows('/home/u/a.txt')).toBe(true)
  })
})
