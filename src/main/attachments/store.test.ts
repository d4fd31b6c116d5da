import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative, sep } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AttachmentStore, safeFileName } from './store'

let dir: string
let store: AttachmentStore
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-store-'))
  store = new AttachmentStore(join(dir, 'attachments'))
  await store.init()
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const ID = '3f2a9c1e-8d4b-4e6f-9a7c-1b2d3e4f5a6b'

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\system.ini', 'system.ini'],
    ['/etc/shadow', 'shadow'],
    ['C:\\Users\\me\\secret.txt', 'secret.txt'],
    ['..', 'file'],
    ['.', 'file'],
    ['', 'file'],
    ['   ', 'file'],
    ['a/..', 'file'],
    ['report\u0000.pdf', 'report_.pdf'],
    ['new\nline.txt', 'new_line.txt'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['CON', 'file_CON'],
    ['con.txt', 'file_con.txt'],
    ['Nul.tar.gz', 'file_Nul.tar.gz'],
    ['COM1', 'file_COM1'],
    ['lpt9.log', 'file_lpt9.log'],
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['trailing dots...', 'trailing dots'],
    ['.hidden', 'hidden'],
    ['invoice\u202Efdp.exe', 'invoice_fdp.exe'],
    ['Ärger & Söhne – Angebot (2).pdf', 'Ärger & Söhne – Angebot (2).pdf'],
  ])('%j -> %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected)
  })

  it('keeps long names within 200 bytes of UTF-8, the extension kept, no character split', () => {
    for (const long of ['a'.repeat(300) + '.pdf', '文'.repeat(250) + '.docx', '😀'.repeat(120) + '.png', 'é'.repeat(400)]) {
      const name = safeFileName(long)
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200)
      expect(name.length).toBeGreaterThan(40)
      expect(name).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u) // no lone surrogate
      expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name)
      const ext = long.match(/\.[a-z]+$/)?.[0]
      if (ext) expect(name.endsWith(ext)).toBe(true)
    }
  })

  it('never returns a name with a path separator, a control character, or one that is only dots', () => {
    const nasty = ['../', '..\\', '/', '\\', '\u0000', '\u0001', '.', ' ', 'a', 'CON', '\u202e', '文', 'é']
    for (let i = 0; i < 2000; i++) {
      let s = ''
      for (let j = 0; j < 1 + (i % 9); j++) s += nasty[(i * 7 + j * 13 + (i >> 3)) % nasty.length]
      const name = safeFileName(s)
      // eslint-disable-next-line no-control-regex
      expect(name).not.toMatch(/[/\\\u0000-\u001f]/)
      expect(name).not.toMatch(/^\.+$/)
      expect(name.length).toBeGreaterThan(0)
    }
  })
})

describe('AttachmentStore', () => {
  it('stores content by hash, once, read-only, and leaves no temp file', async () => {
    const a = join(dir, 'a.txt')
    const b = join(dir, 'b.txt')
    await writeFile(a, 'same bytes')
    await writeFile(b, 'same bytes')
    const first = await store.importFile(a)
    const second = await store.importFile(b)
    expect(first).toEqual({ sha256: sha('same bytes'), size: 10 })
    expect(second).toEqual(first)
    expect(await store.listHashes()).toEqual([first.sha256])
    expect(await readFile(store.pathOf(first.sha256), 'utf8')).toBe('same bytes')
    if (process.platform !== 'win32') expect((await stat(store.pathOf(first.sha256))).mode & 0o222).toBe(0)
    expect(await readdir(join(store.root, 'tmp'))).toEqual([])
  })

  it('refuses a missing file, a folder, and a file already inside the store', async () => {
    await expect(store.importFile(join(dir, 'nope'))).rejects.toMatchObject({ code: 'io' })
    await expect(store.importFile(dir)).rejects.toMatchObject({ code: 'invalid_input' })
    await writeFile(join(dir, 'x'), 'x')
    const { sha256 } = await store.importFile(join(dir, 'x'))
    await expect(store.importFile(store.pathOf(sha256))).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('only accepts hashes as blob names', () => {
    for (const bad of ['../x', '', 'g'.repeat(64), sha('x').toUpperCase(), `${sha('x')}/..`]) {
      expect(() => store.pathOf(bad)).toThrow()
    }
  })

  it('release removes only what nothing refers to, even read-only content', async () => {
    await writeFile(join(dir, 'k'), 'keep')
    await writeFile(join(dir, 'd'), 'drop')
    const keep = (await store.importFile(join(dir, 'k'))).sha256
    const drop = (await store.importFile(join(dir, 'd'))).sha256
    expect(await store.release([keep, drop, drop], async (h) => h === keep)).toBe(1)
    expect(await store.listHashes()).toEqual([keep])
  })

  it('release leaves content just added alone until its row is settled', async () => {
    await writeFile(join(dir, 'n'), 'new content')
    const { sha256 } = await store.importFile(join(dir, 'n'), { hold: true })
    // A delete of another row with the same content, racing this add, must not remove it.
    expect(await store.release([sha256], async () => false)).toBe(0)
    expect(await store.has(sha256)).toBe(true)
    store.settle(sha256)
    expect(await store.release([sha256], async () => false)).toBe(1)
    expect(await store.has(sha256)).toBe(false)
  })

  it('placing and removing the same content never interleave', async () => {
    await writeFile(join(dir, 'r'), 'raced')
    const first = await store.importFile(join(dir, 'r'))
    // Release starts first and is slow to decide; the import of the same bytes must still end with the file there.
    let letGo!: () => void
    const decided = new Promise<void>((r) => (letGo = r))
    const releasing = store.release([first.sha256], async () => {
      await decided
      return false
    })
    const importing = store.importFile(join(dir, 'r'))
    setTimeout(letGo, 20)
    expect(await releasing).toBe(1)
    const second = await importing
    expect(await store.has(second.sha256)).toBe(true)
    expect(await readFile(store.pathOf(second.sha256), 'utf8')).toBe('raced')
  })

  describe('pathForOpening', () => {
    it.each(['../../../escape.txt', '/etc/passwd', '..', 'C:\\evil.bat', 'a\u0000b.txt', 'CON', 'x/../../y'])(
      'keeps %j inside the store, named safely',
      async (name) => {
        await writeFile(join(dir, 'src'), 'content')
        const { sha256 } = await store.importFile(join(dir, 'src'))
        const { path } = await store.pathForOpening(ID, sha256, name)
        const rel = relative(store.root, path)
        expect(rel.startsWith('..')).toBe(false)
        expect(rel.split(sep)).toEqual(['open', ID, safeFileName(name)])
        expect(basename(path)).toBe(safeFileName(name))
        expect(await readFile(path, 'utf8')).toBe('content')
        expect(dirname(dirname(path))).toBe(join(store.root, 'open'))
      },
    )

    it('refuses an id that could be a path, and says when the content is missing', async () => {
      await expect(store.pathForOpening('../../x', sha('x'), 'a.txt')).rejects.toMatchObject({ code: 'invalid_input' })
      await expect(store.pathForOpening(ID, sha('never stored'), 'a.txt')).rejects.toMatchObject({ code: 'not_found' })
    })

    it('works for a name that is long in bytes', async () => {
      await writeFile(join(dir, 'src'), 'content')
      const { sha256 } = await store.importFile(join(dir, 'src'))
      const { path } = await store.pathForOpening(ID, sha256, '報告書'.repeat(80) + '.pdf')
      expect(await readFile(path, 'utf8')).toBe('content')
    })
  })

  it('init removes temp-file debris and reports how many', async () => {
    await writeFile(join(store.root, 'tmp', 'half-copied-1'), 'x')
    await writeFile(join(store.root, 'tmp', 'half-copied-2'), 'y')
    const again = new AttachmentStore(store.root)
    expect(await again.init()).toEqual({ removedTempFiles: 2 })
    expect(await readdir(join(store.root, 'tmp'))).toEqual([])
  })
})
