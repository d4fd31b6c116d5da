import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { PDF_PREVIEW_MAX_BYTES } from '../../shared/domain/file-types'
import { attachmentIdFromUrl, resolveAttachmentUrl } from './attachment-url'

let app: TempApp
let files: string
beforeEach(async () => {
  app = await openTempApp()
  files = await mkdtemp(join(tmpdir(), 'fieldcrm-att-'))
})
afterEach(async () => {
  await app.close()
  await rm(files, { recursive: true, force: true })
})

async function attach(name: string, content: string | Buffer) {
  const account = ok(await app.api.accounts.create({ name: `Owner of ${name}` }))
  await writeFile(join(files, name), content)
  return ok(await app.api.attachments.add({ parent: { type: 'account', id: account.id }, source_path: app.chose(join(files, name)) }))
}

describe('attachments over app://', () => {
  it('serves a stored image by id, with its type and a policy that runs nothing', async () => {
    const png = await attach('logo.png', Buffer.from('89504e470d0a1a0a', 'hex'))
    const found = await resolveAttachmentUrl(app.data.services, `app://crm/attachments/${png.id}`)
    expect(found).toEqual({
      ok: true,
      path: app.data.services.files.pathOf(png.sha256),
      headers: expect.objectContaining({ 'Content-Type': 'image/png', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; sandbox" }),
    })
  })

  it('refuses types that could run on the app origin, and anything not an attachment id', async () => {
    const svg = await attach('evil.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const html = await attach('page.html', '<script>alert(1)</script>')
    expect(await resolveAttachmentUrl(app.data.services, `app://crm/attachments/${svg.id}`)).toEqual({ ok: false, status: 403 })
    expect(await resolveAttachmentUrl(app.data.services, `app://crm/attachments/${html.id}`)).toEqual({ ok: false, status: 403 })
    expect(await resolveAttachmentUrl(app.data.services, 'app://crm/attachments/00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, status: 404 })
    for (const url of [
      `app://crm/attachments/${svg.id}/../../crm.sqlite`,
      'app://crm/attachments/../crm.sqlite',
      `app://crm/attachments/${svg.sha256}`,
      `app://evil/attachments/${svg.id}`,
      `app://u:p@crm/attachments/${svg.id}`,
      'app://crm/attachments/',
      'nonsense',
    ]) {
      expect(attachmentIdFromUrl(url), url).toBeNull()
    }
  })

  it('serves an image as the type its bytes say, and refuses a file named as an image that is none', async () => {
    const jpeg = await attach('really-a-jpeg.png', Buffer.from('ffd8ffe000104a464946', 'hex'))
    const found = await resolveAttachmentUrl(app.data.services, `app://crm/attachments/${jpeg.id}`)
    expect(found.ok && found.headers['Content-Type']).toBe('image/jpeg')
    for (const [name, content] of [['page.png', '<html><script>alert(1)</script>'], ['drawing.gif', '<svg xmlns="http://www.w3.org/2000/svg"/>'], ['empty.webp', '']]) {
      const a = await attach(name!, content!)
      expect(await resolveAttachmentUrl(app.data.services, `app://crm/attachments/${a.id}`), name).toEqual({ ok: false, status: 403 })
    }
  })

  it('serves a PDF for the page reader only when its bytes start as a PDF, and not past the preview size', async () => {
    const pdf = await attach('offer.pdf', '%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n')
    const found = await resolveAttachmentUrl(app.data.services, `app://crm/attachments/${pdf.id}`)
    expect(found.ok && found.headers).toEqual(expect.objectContaining({ 'Content-Type': 'application/pdf', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; sandbox" }))
    for (const [name, content] of [
      ['page.pdf', '<html><script>alert(1)</script>'],
      ['picture.pdf', Buffer.from('89504e470d0a1a0a', 'hex')],
      ['offer-again.png', '%PDF-1.4\n%%EOF\n'],
      ['late-header.pdf', 'junk\n%PDF-1.4\n%%EOF\n'],
    ] as const) {
      const a = await attach(name, content)
      expect(await resolveAttachmentUrl(app.data.services, `app://crm/attachments/${a.id}`), name).toEqual({ ok: false, status: 403 })
    }
    const huge = Buffer.alloc(PDF_PREVIEW_MAX_BYTES + 1)
    huge.write('%PDF-1.4\n')
    const big = await attach('catalogue.pdf', huge)
    expect(await resolveAttachmentUrl(app.data.services, `app://crm/attachments/${big.id}`)).toEqual({ ok: false, status: 413 })
  })

  it('answers 404 when the file is not on this computer', async () => {
    const png = await attach('gone.png', 'not really a png')
    await rm(app.data.services.files.pathOf(png.sha256))
    expect(await resolveAttachmentUrl(app.data.services, `app://crm/attachments/${png.id}`)).toEqual({ ok: false, status: 404 })
  })
})
