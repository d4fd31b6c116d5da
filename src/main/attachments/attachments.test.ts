import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ParentRef } from '../../shared/domain/records'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { outboxRows, rowCounts } from '../../../test/unit/core/db-state'

let app: TempApp
let account: ParentRef
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
  account = { type: 'account', id: ok(await app.api.accounts.create({ name: 'Acme' })).id }
})
afterEach(async () => {
  await app.close()
})

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const attachmentsDir = () => join(app.dir, 'attachments')
const blobs = () => app.data.services.files.listHashes()
const exists = (path: string) => stat(path).then(() => true, () => false)

async function source(name: string, content: string): Promise<string> {
  const folder = join(app.dir, 'user-files', randomUUID())
  await mkdir(folder, { recursive: true })
  const path = join(folder, name)
  await writeFile(path, content)
  return app.chose(path)
}

describe('attachments', () => {
  it('adds a file: name, size, MIME type and hash recorded, content in the store', async () => {
    const path = await source('Offer 2026.pdf', '%PDF-1.7 offer')
    const a = ok(await app.api.attachments.add({ parent: account, source_path: path }))
    expect(a).toMatchObject({ parent: account, file_name: 'Offer 2026.pdf', size: 14, mime_type: 'application/pdf', sha256: sha('%PDF-1.7 offer'), version: 1 })
    expect(await blobs()).toEqual([a.sha256])
    expect(outboxRows(app).at(-1)).toMatchObject({ entity: 'attachment', op: 'create', record_id: a.id })
    expect(await readFile(path, 'utf8')).toBe('%PDF-1.7 offer') // the user's file is untouched
  })

  it('stores the same content once for two rows; removes it with the last reference only', async () => {
    const kase: ParentRef = { type: 'case', id: ok(await app.api.cases.create({ name: 'Pump', status: 'New', priority: 'Low' })).id }
    const one = ok(await app.api.attachments.add({ parent: account, source_path: await source('photo.jpg', 'JPEG bytes') }))
    const two = ok(await app.api.attachments.add({ parent: kase, source_path: await source('copy.jpg', 'JPEG bytes') }))
    expect(two.sha256).toBe(one.sha256)
    expect(rowCounts(app).attachments).toBe(2)
    expect(await blobs()).toEqual([one.sha256])

    ok(await app.api.attachments.delete({ id: one.id }))
    expect(await blobs()).toEqual([one.sha256]) // the case still refers to it
    expect(ok(await app.api.cases.get({ id: kase.id })).timeline.filter((e) => e.kind === 'attachment')).toHaveLength(1)
    ok(await app.api.attachments.delete({ id: two.id }))
    expect(await blobs()).toEqual([])
    expect(err(await app.api.attachments.delete({ id: two.id })).code).toBe('not_found')
    expect(outboxRows(app).filter((r) => r.op === 'delete').map((r) => r.record_id)).toEqual([one.id, two.id])
  })

  it('deleting an account removes its and its cases’ attachments and their files, and their opened links', async () => {
    const kase: ParentRef = { type: 'case', id: ok(await app.api.cases.create({ name: 'Pump', status: 'New', priority: 'Low', account_id: account.id })).id }
    const contact: ParentRef = { type: 'contact', id: ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'L', account_id: account.id })).id }
    const onAccount = ok(await app.api.attachments.add({ parent: account, source_path: await source('a.txt', 'account file') }))
    const onCase = ok(await app.api.attachments.add({ parent: kase, source_path: await source('c.txt', 'case file') }))
    const onContact = ok(await app.api.attachments.add({ parent: contact, source_path: await source('p.txt', 'contact file') }))
    ok(await app.api.attachments.open({ id: onCase.id }))
    const openedLink = app.desktop.opened.at(-1)!
    expect(await exists(openedLink)).toBe(true)

    ok(await app.api.accounts.delete({ id: account.id }))
    expect(rowCounts(app).attachments).toBe(1)
    expect(await blobs()).toEqual([onContact.sha256]) // the contact outlives its account
    for (const gone of [onAccount, onCase]) expect(await exists(app.data.services.files.pathOf(gone.sha256))).toBe(false)
    expect(await exists(openedLink)).toBe(false)
  })

  it('keeps a user-supplied name inside the store: the stored name is safe, opening stays in attachments/open', async () => {
    const path = await source('plain.txt', 'secret plan')
    // One record each: the same content twice on one record is refused.
    let holders = 0
    const holder = async (): Promise<ParentRef> => ({ type: 'account', id: ok(await app.api.accounts.create({ name: `Holder ${++holders}` })).id })
    for (const file_name of ['../../../../etc/cron.d/evil', '/tmp/abs.txt', 'C:\\Windows\\win.ini', 'NUL', 'a\u0001b.txt', '..']) {
      const a = ok(await app.api.attachments.add({ parent: await holder(), source_path: path, file_name }))
      // eslint-disable-next-line no-control-regex
      expect(a.file_name).not.toMatch(/[/\\\u0000-\u001f]/)
      ok(await app.api.attachments.open({ id: a.id }))
      const opened = app.desktop.opened.at(-1)!
      expect(relative(join(attachmentsDir(), 'open', a.id), opened)).toBe(a.file_name)
      expect(basename(opened)).toBe(a.file_name)
      expect(await readFile(opened, 'utf8')).toBe('secret plan')
    }
    expect(ok(await app.api.attachments.add({ parent: await holder(), source_path: path, file_name: 'a\u0000b' })).file_name).toBe('a_b')
    // A NUL in the source path is refused before anything runs.
    expect(err(await app.dispatch('attachments.add', { parent: account, source_path: `${path}\u0000.png` })).code).toBe('invalid_input')
  })

  it('open and reveal hand the Desktop service a link named like the original', async () => {
    const a = ok(await app.api.attachments.add({ parent: account, source_path: await source('Quote (final).xlsx', 'cells') }))
    ok(await app.api.attachments.open({ id: a.id }))
    ok(await app.api.attachments.reveal({ id: a.id }))
    expect(app.desktop.opened).toHaveLength(1)
    expect(app.desktop.revealed).toEqual(app.desktop.opened)
    expect(basename(app.desktop.opened[0]!)).toBe('Quote (final).xlsx')
    expect(relative(attachmentsDir(), app.desktop.opened[0]!).startsWith('open')).toBe(true)
    ok(await app.api.attachments.delete({ id: a.id }))
    expect(await exists(app.desktop.opened[0]!)).toBe(false)
    expect(err(await app.api.attachments.open({ id: a.id })).code).toBe('not_found')
  })

  it('refuses bad input, a missing parent, a missing file and a folder, storing nothing', async () => {
    const path = await source('x.txt', 'x')
    const before = rowCounts(app)
    for (const payload of [
      { parent: account },
      { parent: account, source_path: '' },
      { parent: { type: 'lead', id: account.id }, source_path: path },
      { parent: account, source_path: path, file_name: ' ' },
      { parent: account, source_path: path, extra: 1 },
    ]) {
      expect(err(await app.dispatch('attachments.add', payload)).code).toBe('invalid_input')
    }
    expect(err(await app.api.attachments.add({ parent: { type: 'case', id: randomUUID() }, source_path: path })).code).toBe('not_found')
    expect(err(await app.api.attachments.add({ parent: account, source_path: app.chose(join(app.dir, 'missing.txt')) })).code).toBe('io')
    expect(err(await app.api.attachments.add({ parent: account, source_path: app.dir })).code).toBe('invalid_input')
    expect(rowCounts(app)).toEqual(before)
    expect(await blobs()).toEqual([])
  })

  it('refuses the same content twice on one record (dropped or picked again), storing and queueing nothing more', async () => {
    const first = ok(await app.api.attachments.add({ parent: account, source_path: await source('quote.pdf', '%PDF quote') }))
    const before = { rows: rowCounts(app), outbox: outboxRows(app).length }
    // The same bytes under another name are the same attachment.
    const again = err(await app.api.attachments.add({ parent: account, source_path: await source('quote (1).pdf', '%PDF quote') }))
    expect(again.code).toBe('conflict')
    expect(again.message).toBe('Already attached here as “quote.pdf”')
    expect({ rows: rowCounts(app), outbox: outboxRows(app).length }).toEqual(before)
    expect(await blobs()).toEqual([first.sha256])
    // Other content on the same record, and the same content on another record, are attached as usual.
    ok(await app.api.attachments.add({ parent: account, source_path: await source('quote.pdf', '%PDF quote, revised') }))
    const kase: ParentRef = { type: 'case', id: ok(await app.api.cases.create({ name: 'Pump', status: 'New', priority: 'Low' })).id }
    ok(await app.api.attachments.add({ parent: kase, source_path: await source('quote.pdf', '%PDF quote') }))
  })

  it('pick attaches the files not on the record yet, and leaves out one that is', async () => {
    const picks = [await source('one.png', '1'), await source('again.png', '1'), await source('two.csv', '2')]
    const withPicks = await openTempApp({ picks })
    try {
      const parent: ParentRef = { type: 'account', id: ok(await withPicks.api.accounts.create({ name: 'Acme' })).id }
      const added = ok(await withPicks.api.attachments.pick({ parent }))
      expect(added.map((a) => a.file_name)).toEqual(['one.png', 'two.csv'])
    } finally {
      await withPicks.close()
    }
  })

  it('pick attaches every file the user picks', async () => {
    const picks = [await source('one.png', '1'), await source('two.csv', '2')]
    const withPicks = await openTempApp({ picks })
    try {
      const parent: ParentRef = { type: 'account', id: ok(await withPicks.api.accounts.create({ name: 'Acme' })).id }
      const added = ok(await withPicks.api.attachments.pick({ parent }))
      expect(added.map((a) => [a.file_name, a.mime_type])).toEqual([['one.png', 'image/png'], ['two.csv', 'text/csv']])
    } finally {
      await withPicks.close()
    }
  })
})

describe('the attachment store at start', () => {
  it('removes temp-file debris, orphaned content and stale opened links, keeping what rows refer to', async () => {
    const kept = ok(await app.api.attachments.add({ parent: account, source_path: await source('kept.txt', 'kept') }))
    ok(await app.api.attachments.open({ id: kept.id }))
    const root = attachmentsDir()
    await writeFile(join(root, 'tmp', randomUUID()), 'half a file')
    const orphan = sha('orphan')
    await mkdir(join(root, 'blobs', orphan.slice(0, 2)), { recursive: true })
    await writeFile(join(root, 'blobs', orphan.slice(0, 2), orphan), 'orphan')
    const staleId = randomUUID()
    await mkdir(join(root, 'open', staleId))
    await writeFile(join(root, 'open', staleId, 'old.txt'), 'old')
    await app.data.close()

    const again = await openTempApp({ dir: app.dir })
    try {
      expect(await readdir(join(root, 'tmp'))).toEqual([])
      expect(await again.data.services.files.listHashes()).toEqual([kept.sha256])
      expect(await readdir(join(root, 'open'))).toEqual([kept.id])
      ok(await again.api.attachments.open({ id: kept.id }))
      expect(await readFile(again.desktop.opened[0]!, 'utf8')).toBe('kept')
    } finally {
      await again.close()
    }
  })
})
