import { createHash } from 'node:crypto'
import { chmod, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

// Opening an attachment hands its program a read-only copy: whatever the
// program does to it (save in place, save by rename, as root or not), the
// stored file other rows, backups and the server share stays as attached, and
// an edited copy is never silently overwritten by the next open.

let app: TempApp
let outside: string
let attachment: { id: string; sha256: string }
beforeEach(async () => {
  app = await openTempApp()
  outside = await mkdtemp(join(tmpdir(), 'fieldcrm-opened-'))
  const account = ok(await app.api.accounts.create({ name: 'Acme' }))
  await writeFile(join(outside, 'offer.txt'), 'the offer as attached')
  attachment = ok(await app.api.attachments.add({ parent: { type: 'account', id: account.id }, source_path: app.chose(join(outside, 'offer.txt')) }))
})
afterEach(async () => {
  await app.close()
  await rm(outside, { recursive: true, force: true })
})

const storedContent = () => readFile(app.data.services.files.pathOf(attachment.sha256), 'utf8')
const sha = (text: string) => createHash('sha256').update(text).digest('hex')
/** Opens the attachment, which must open at once (a .txt asks nothing). */
async function openNow(id: string) {
  const answer = ok(await app.api.attachments.open({ id }))
  if ('needs_confirmation' in answer) throw new Error('A .txt file asked for confirmation')
  return answer
}

it('opens a read-only copy and says so', async () => {
  const opened = ok(await app.api.attachments.open({ id: attachment.id }))
  expect(opened).toEqual({ id: attachment.id, read_only_copy: true, edited_copy: null })
  const path = app.desktop.opened[0]!
  expect(basename(path)).toBe('offer.txt')
  if (process.platform !== 'win32') expect((await stat(path)).mode & 0o222).toBe(0)
  expect((await stat(path)).ino).not.toBe((await stat(app.data.services.files.pathOf(attachment.sha256))).ino)
})

it('keeps the stored file as attached when the program saves in place', async () => {
  ok(await app.api.attachments.open({ id: attachment.id }))
  const path = app.desktop.opened[0]!
  await chmod(path, 0o644) // a program that clears the read-only bit, as the file's owner may
  await writeFile(path, 'changed in the program')
  expect(await storedContent()).toBe('the offer as attached')
  expect(sha(await storedContent())).toBe(attachment.sha256)
})

it('keeps an edited copy (saved by rename) under its own name when the attachment is opened again', async () => {
  ok(await app.api.attachments.open({ id: attachment.id }))
  const path = app.desktop.opened[0]!
  await writeFile(join(dirname(path), '.offer.txt.swp'), 'my edits')
  await rename(join(dirname(path), '.offer.txt.swp'), path)

  const again = await openNow(attachment.id)
  expect(again.edited_copy).toMatch(/offer \(edited .*\)\.txt$/)
  expect(await readFile(again.edited_copy!, 'utf8')).toBe('my edits')
  expect(await readFile(app.desktop.opened[1]!, 'utf8')).toBe('the offer as attached')
  expect(await storedContent()).toBe('the offer as attached')
  expect((await readdir(dirname(path))).sort()).toEqual([basename(again.edited_copy!), 'offer.txt'].sort())
  // An unchanged copy is simply opened again.
  expect((await openNow(attachment.id)).edited_copy).toBeNull()
})
