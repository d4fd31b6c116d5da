import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import type { Transform } from 'node:stream'
import type { ImportOptions } from '../attachments/store'
import { ok } from '../../../test/support/temp-app'
import { syncRigsForTests } from '../../../test/fake-crm/rigs-for-tests'

// A broken or hostile server must not hurt the app: every answer, its size,
// its page counts and its values are checked before they are used, and what
// cannot be used is set aside while the rest (and the push) goes on.

const { connected } = syncRigsForTests()

/** The attachment store's private copy step (its temp file, hashing, clean-up and error reports). */
type StoreWrite = (copy: (out: { hasher: Transform }) => Promise<void>, options: ImportOptions) => Promise<{ sha256: string; size: number }>

function fakeAccount(name: string) {
  return { id: randomUUID(), name, is_active: true, tags: [], org: { id: 'o', name: 'Acme Org' } }
}

describe('a hostile server', () => {
  it('that sends full pages forever is read no further than its own counts, and the push still goes', async () => {
    const r = await connected()
    r.fake.setOverride(({ method, path }) =>
      method === 'GET' && path === '/api/accounts/'
        ? [200, { active_accounts: { open_accounts: Array.from({ length: 100 }, (_, i) => fakeAccount(`Endless ${randomUUID()} ${i}`)), open_accounts_count: 150 }, closed_accounts: { close_accounts: [], close_accounts_count: 0 } }]
        : null,
    )
    ok(await r.app.api.accounts.create({ name: 'Mine', city: 'Oslo' }))
    r.fake.log.length = 0
    const round = await r.engine.runOnce(false)
    // 150 counted: two pages, and one to spare for records added meanwhile, then the listing is refused.
    expect(r.fake.log.filter((l) => l === 'GET /api/accounts/').length).toBeLessThanOrEqual(3)
    expect(round.status.state).toBe('error')
    expect(round.status.message).toMatch(/full pages/)
    // Nothing of the endless list was written, and the local change reached the server anyway.
    expect(ok(await r.app.api.accounts.list({ state: 'all' })).items.map((a) => a.name)).toEqual(['Mine'])
    expect([...r.fake.data.records.account.values()].map((a) => a['name'])).toEqual(['Mine'])
    expect(await r.outboxCount()).toBe(0)
  })

  it('whose values break the local rules gets those records set aside and shown; the others and the push go on', async () => {
    const r = await connected()
    const { data, org } = r.fake
    const good = (data.create(org.id, 'account', { name: 'Good Co' }, 'u')[1] as { id: string }).id
    const huge = (data.create(org.id, 'account', { name: 'Huge' }, 'u')[1] as { id: string }).id
    data.records.account.get(huge)!['name'] = 'x'.repeat(5 * 1024 * 1024)
    const hacked = (data.create(org.id, 'case', { name: 'Hacked case', status: 'New', priority: 'Low' }, 'u')[1] as { id: string }).id
    data.records.case.get(hacked)!['status'] = 'Hacked'
    data.create(org.id, 'case', { name: 'Fine case', status: 'New', priority: 'Low', account: good }, 'u')
    const link = (data.create(org.id, 'contact', { first_name: 'Eve', last_name: 'Link' }, 'u')[1] as { id: string }).id
    data.records.contact.get(link)!['linkedin_url'] = 'javascript:alert(1)'
    data.addToRecord(org.id, 'case', hacked, { comment: 'under a set-aside case' }, 'u')
    ok(await r.app.api.accounts.create({ name: 'Pushed anyway' }))

    const round = await r.engine.runOnce()
    expect(round.status.state).toBe('idle')
    expect(round.status.message).toMatch(/3 server record\(s\) or file\(s\) were set aside/)
    const { api } = r.app
    expect(ok(await api.accounts.list({ state: 'all' })).items.map((a) => a.name).sort()).toEqual(['Good Co', 'Pushed anyway'])
    expect(ok(await api.cases.list({ state: 'all' })).items.map((c) => c.name)).toEqual(['Fine case'])
    expect(ok(await api.contacts.list({ state: 'all' })).items).toEqual([])
    expect(await r.outboxCount()).toBe(0)
    const { setAside } = ok(await api.sync.issues())
    expect(setAside.map((s) => [s.entity, s.reason.split(':')[0]]).sort()).toEqual([['account', 'name'], ['case', 'status'], ['contact', 'linkedin_url']])
    // The panel never gets the 5 MB name.
    expect(Math.max(...setAside.map((s) => s.title.length))).toBeLessThanOrEqual(80)
  })

  it('whose file does not fit on the disk gets that file set aside; every round still finishes and pushes', async () => {
    const r = await connected()
    const { data, org } = r.fake
    const account = (data.create(org.id, 'account', { name: 'Files' }, 'u')[1] as { id: string }).id
    data.addToRecord(org.id, 'account', account, { __files: { account_attachment: { name: 'huge.iso', type: 'application/octet-stream', data: Buffer.from('pretend this is 40 GB') } } }, 'u')
    data.addToRecord(org.id, 'account', account, { __files: { account_attachment: { name: 'small.txt', type: 'text/plain', data: Buffer.from('fits') } } }, 'u')
    const files = r.app.data.services.files
    const importStream = files.importStream.bind(files)
    files.importStream = async (input, options) => {
      const chunks: Buffer[] = []
      for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer))
      if (Buffer.concat(chunks).toString().startsWith('pretend')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
      const { Readable } = await import('node:stream')
      return importStream(Readable.from(chunks), options)
    }
    for (const name of ['First', 'Second']) {
      ok(await r.app.api.accounts.create({ name }))
      const round = await r.engine.runOnce()
      expect(round.status.state).toBe('idle')
      expect(await r.outboxCount()).toBe(0)
      const { setAside } = ok(await r.app.api.sync.issues())
      expect(setAside).toEqual([expect.objectContaining({ entity: 'attachment', title: 'huge.iso', reason: expect.stringMatching(/disk space/) })])
    }
    const detail = ok(await r.app.api.accounts.get({ id: ok(await r.app.api.accounts.list({ name: 'Files' })).items[0]!.id }))
    expect(detail.timeline.map((t) => (t.kind === 'attachment' ? t.attachment.file_name : t.kind))).toEqual(['small.txt'])
  })

  for (const [fault, reason] of [
    ['endless-body', /sent more than 25 MB/],
    ['huge-declared', /declared 40960 MB/],
  ] as const) {
    it(`whose file download is ${fault === 'endless-body' ? 'endless' : 'declared at 40 GB'} is cut off at 25 MB, the partial file removed and the file set aside; the rest goes on`, async () => {
      const r = await connected()
      const { data, org } = r.fake
      const account = (data.create(org.id, 'account', { name: 'Files' }, 'u')[1] as { id: string }).id
      data.addToRecord(org.id, 'account', account, { __files: { account_attachment: { name: 'endless.bin', type: 'application/octet-stream', data: Buffer.from('again and ') } } }, 'u')
      data.addToRecord(org.id, 'account', account, { __files: { account_attachment: { name: 'small.txt', type: 'text/plain', data: Buffer.from('fits') } } }, 'u')
      const endlessId = [...data.attachments.values()].find((a) => a['file_name'] === 'endless.bin')!['id'] as string
      r.fake.setFaults(({ path }) => (path === `/api/attachments/${endlessId}/download/` ? fault : null))
      ok(await r.app.api.accounts.create({ name: 'Pushed anyway' }))
      const round = await r.engine.runOnce()
      expect(round.status.state).toBe('idle')
      expect(await r.outboxCount()).toBe(0)
      const { setAside } = ok(await r.app.api.sync.issues())
      expect(setAside).toEqual([expect.objectContaining({ entity: 'attachment', remoteId: endlessId, title: 'endless.bin', reason: expect.stringMatching(reason) })])
      const detail = ok(await r.app.api.accounts.get({ id: ok(await r.app.api.accounts.list({ name: 'Files' })).items[0]!.id }))
      expect(detail.timeline.map((t) => (t.kind === 'attachment' ? t.attachment.file_name : t.kind))).toEqual(['small.txt'])
      // No partial file anywhere: the store holds the small file only and nothing is left being written.
      const files = r.app.data.services.files
      expect(await files.listHashes()).toEqual([detail.timeline[0]!.kind === 'attachment' ? detail.timeline[0]!.attachment.sha256 : ''])
      expect(await readdir(join(files.root, 'tmp'))).toEqual([])
    })
  }

  it('whose file meets a full disk (the OS answers ENOSPC) gets it set aside with that reason and no partial file left', async () => {
    const r = await connected()
    const { data, org } = r.fake
    const account = (data.create(org.id, 'account', { name: 'Files' }, 'u')[1] as { id: string }).id
    data.addToRecord(org.id, 'account', account, { __files: { account_attachment: { name: 'big.iso', type: 'application/octet-stream', data: Buffer.alloc(256 * 1024, 7) } } }, 'u')
    const files = r.app.data.services.files
    // The store's own copy, error handling and clean-up, with the bytes going to /dev/full (every write fails with ENOSPC).
    const write = (files as unknown as { write: StoreWrite }).write.bind(files)
    files.importStream = (input, options) => write((out) => pipeline(input, out.hasher, createWriteStream('/dev/full')), options ?? {})
    ok(await r.app.api.accounts.create({ name: 'Pushed anyway' }))
    const round = await r.engine.runOnce()
    expect(round.status.state).toBe('idle')
    expect(await r.outboxCount()).toBe(0)
    const { setAside } = ok(await r.app.api.sync.issues())
    expect(setAside).toEqual([expect.objectContaining({ entity: 'attachment', title: 'big.iso', reason: expect.stringMatching(/free disk space/) })])
    expect(await files.listHashes()).toEqual([])
    expect(await readdir(join(files.root, 'tmp'))).toEqual([])
  })

  it('shows a server file name without control or right-to-left override characters', async () => {
    const r = await connected()
    const { data, org } = r.fake
    const account = (data.create(org.id, 'account', { name: 'Names' }, 'u')[1] as { id: string }).id
    data.addToRecord(org.id, 'account', account, { __files: { account_attachment: { name: 'invoice\u202Efdp.exe', type: 'application/octet-stream', data: Buffer.from('MZ') } } }, 'u')
    await r.engine.runOnce()
    const detail = ok(await r.app.api.accounts.get({ id: ok(await r.app.api.accounts.list({ name: 'Names' })).items[0]!.id }))
    expect(detail.timeline.map((t) => (t.kind === 'attachment' ? t.attachment.file_name : t.kind))).toEqual(['invoicefdp.exe'])
  })
})
