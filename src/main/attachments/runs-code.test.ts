import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { displayFileName } from '../../shared/domain/display-name'
import { err, ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { codeRunningType } from './runs-code'
import { safeFileName } from './store'

describe('file types that can run code', () => {
  it('are known on every system, in any case, by the name the opened copy gets', () => {
    for (const name of ['start.desktop', 'setup.EXE', 'x.scr', 'run.bat', 'run.cmd', 'a.com', 'b.msi', 'c.ps1', 'd.vbs', 'e.js', 'f.jar', 'g.app', 'h.sh',
      'i.command', 'j.lnk', 'k.AppImage', 'l.deb', 'm.dmg', 'n.pkg', 'o.reg', 'p.hta', 'q.cpl', 'r.url', 's.webloc', 't.rpm', 'u.jnlp', 'v.terminal']) {
      expect(codeRunningType(name), name).not.toBeNull()
    }
    expect(codeRunningType('start.desktop')).toBe('.desktop')
    for (const name of ['offer.pdf', 'photo.jpg', 'notes.txt', 'sheet.xlsx', 'README', '.desktop', 'desktop']) expect(codeRunningType(name), name).toBeNull()
    // Tricks that a name alone would hide: the copy's name (trailing dots and spaces gone, the override replaced) is what counts.
    expect(codeRunningType(safeFileName('invoice.exe. . '))).toBe('.exe')
    expect(codeRunningType(safeFileName('invoice\u202Egpj.exe'))).toBe('.exe')
  })

  it('shows names without control or bidi characters', () => {
    expect(displayFileName('invoice\u202Egpj.exe')).toBe('invoicegpj.exe')
    expect(displayFileName('a\u0000b\u001b[31m\u2066c\u200f.txt')).toBe('ab[31mc.txt')
    expect(displayFileName('\u202E')).toBe('file')
  })
})

describe('opening an attachment that can run code', () => {
  let app: TempApp
  let outside: string
  beforeEach(async () => {
    app = await openTempApp()
    outside = await mkdtemp(join(tmpdir(), 'fieldcrm-runs-code-'))
  })
  afterEach(async () => {
    await app.close()
    await rm(outside, { recursive: true, force: true })
  })

  async function attach(fileName: string) {
    const account = ok(await app.api.accounts.create({ name: `Acme ${fileName.length}` }))
    const path = join(outside, 'content.bin')
    await writeFile(path, '[Desktop Entry]\nExec=sh -c "echo owned"\n')
    return ok(await app.api.attachments.add({ parent: { type: 'account', id: account.id }, source_path: app.chose(path), file_name: fileName }))
  }

  it('answers that it needs confirmation, opening nothing and making no copy, until the call carries it', async () => {
    const a = await attach('launcher.desktop')
    expect(ok(await app.api.attachments.open({ id: a.id }))).toEqual({ id: a.id, needs_confirmation: 'runs_code', file_name: 'launcher.desktop', file_type: '.desktop' })
    expect(app.desktop.opened).toEqual([])
    expect(await readdir(join(app.data.services.files.root, 'open'))).toEqual([])
    // Only the literal true confirms: the contract refuses anything else.
    expect(err(await app.api.attachments.open({ id: a.id, confirmed_runs_code: 'yes' } as never)).code).toBe('invalid_input')
    expect(app.desktop.opened).toEqual([])
    expect(ok(await app.api.attachments.open({ id: a.id, confirmed_runs_code: true }))).toEqual({ id: a.id, read_only_copy: true, edited_copy: null })
    expect(app.desktop.opened.map((p) => basename(p))).toEqual(['launcher.desktop'])
  })

  it('names a stored name with a right-to-left override without it (an old or restored row can hold one)', async () => {
    const a = await attach('invoice.exe')
    app.data.services.db.sqlite.prepare('UPDATE attachments SET file_name = ? WHERE id = ?').run('invoice\u202Egpj.exe', a.id)
    expect(ok(await app.api.attachments.open({ id: a.id }))).toMatchObject({ needs_confirmation: 'runs_code', file_name: 'invoicegpj.exe', file_type: '.exe' })
    expect(app.desktop.opened).toEqual([])
  })

  it('opens other files at once', async () => {
    const a = await attach('offer.pdf')
    expect(ok(await app.api.attachments.open({ id: a.id }))).toMatchObject({ read_only_copy: true })
    expect(app.desktop.opened.map((p) => basename(p))).toEqual(['offer.pdf'])
  })
})
