import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { once } from 'node:events'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportPreview } from '../../shared/domain/import'
import { err, ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

let app: TempApp

beforeEach(async () => {
  app = await openTempApp()
})
afterEach(async () => {
  await app.close()
})

/** A file in the data folder, as the user would pick it. */
const file = (name: string) => app.chose(join(app.dir, name))
function counts() {
  const n = (t: string) => (app.data.services.db.sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n
  return { accounts: n('accounts'), contacts: n('contacts'), cases: n('cases'), outbox: n('outbox') }
}
function shown(p: ImportPreview) {
  if (p.cancelled) throw new Error('preview was cancelled')
  return p
}

describe('import.preview', () => {
  it('reads a BOM, CRLF, quoted newlines and semicolons, detects the header and proposes a mapping', async () => {
    ok(await app.api.accounts.create({ name: 'Existing Ltd' }))
    const csv =
      '\uFEFFCompany;E-mail;Zip;Notes;Whatever\r\n' +
      'Acme;sales@acme.test;1000;"line one\r\nline two; still notes";x\r\n' +
      'Globex;not-an-email;;;\r\n' +
      'ACME;;;;\r\n' +
      'existing ltd;;;;\r\n'
    await writeFile(file('a.csv'), csv)
    const p = shown(ok(await app.api.import.preview({ kind: 'accounts', source_path: file('a.csv') })))
    expect(p.has_header).toBe(true)
    expect(p.headers).toEqual(['Company', 'E-mail', 'Zip', 'Notes', 'Whatever'])
    expect(p.mapping).toEqual(['name', 'email', 'postcode', 'description', null])
    expect(p.row_count).toBe(4)
    expect(p.sample[0]).toEqual(['Acme', 'sales@acme.test', '1000', 'line one\r\nline two; still notes', 'x'])
    expect(p.errors).toEqual([
      { row: 3, field: 'email', message: 'Not a valid email address' },
      { row: 4, field: 'name', message: 'Same name as row 2' },
      { row: 5, field: 'name', message: 'An account named "existing ltd" already exists' },
    ])
    expect(p.error_count).toBe(3)
  })

  it('treats a first row without field names as data, and re-checks with the mapping the user chose', async () => {
    await writeFile(file('c.csv'), 'Ada,Lovelace,ada@example.test\nAlan,Turing,ADA@example.test\n')
    const guessed = shown(ok(await app.api.import.preview({ kind: 'contacts', source_path: file('c.csv') })))
    expect(guessed.has_header).toBe(false)
    expect(guessed.headers).toEqual(['Column 1', 'Column 2', 'Column 3'])
    expect(guessed.errors.map((e) => e.field)).toEqual(['first_name', 'last_name'])
    const mapped = shown(ok(await app.api.import.preview({
      kind: 'contacts', source_path: file('c.csv'), mapping: ['first_name', 'last_name', 'email'],
    })))
    expect(mapped.errors).toEqual([{ row: 2, field: 'email', message: 'Same email as row 1' }])
  })

  it('asks the picker when no path is given, and answers cancelled when the user cancels', async () => {
    expect(ok(await app.api.import.preview({ kind: 'cases' }))).toEqual({ cancelled: true })
    await writeFile(file('k.csv'), 'name,status,priority\nBroken pump,new,HIGH\n')
    app.desktop.csvToOpen = file('k.csv')
    const p = shown(ok(await app.api.import.preview({ kind: 'cases' })))
    expect(p.source_path).toBe(file('k.csv'))
    expect(p.errors).toEqual([])
  })

  it('refuses files that are not UTF-8 or UTF-16 text, or not CSV, or not .csv', async () => {
    await writeFile(file('latin1.csv'), Buffer.from('name\nCaf\xe9 M\xfcller\n', 'latin1'))
    expect(err(await app.api.import.preview({ kind: 'accounts', source_path: file('latin1.csv') })).code).toBe('invalid_input')
    await writeFile(file('binary.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]))
    expect(err(await app.api.import.preview({ kind: 'accounts', source_path: file('binary.csv') })).code).toBe('invalid_input')
    await writeFile(file('open-quote.csv'), 'name\n"never closed\n')
    const quote = err(await app.api.import.preview({ kind: 'accounts', source_path: file('open-quote.csv') }))
    expect(quote.code).toBe('invalid_input')
    expect(quote.message).toMatch(/never closed/)
    expect(err(await app.api.import.preview({ kind: 'accounts', source_path: '/etc/passwd' })).code).toBe('invalid_input')
    expect(err(await app.api.import.preview({ kind: 'accounts', source_path: file('missing.csv') })).code).toBe('io')
  })

  it('reads UTF-16 with its byte-order mark', async () => {
    const text = '\uFEFFname,city\nMüller GmbH,Zürich\n'
    const le = Buffer.from(text, 'utf16le')
    await writeFile(file('u16le.csv'), le)
    const p = shown(ok(await app.api.import.preview({ kind: 'accounts', source_path: file('u16le.csv') })))
    expect(p.sample).toEqual([['Müller GmbH', 'Zürich']])
    const be = Buffer.from(le).swap16()
    await writeFile(file('u16be.csv'), be)
    const q = shown(ok(await app.api.import.preview({ kind: 'accounts', source_path: file('u16be.csv') })))
    expect(q.sample).toEqual([['Müller GmbH', 'Zürich']])
  })
})

describe('rows of bare delimiters and bad rows', () => {
  it('skips rows of bare delimiters (";;;;", as spreadsheets export) in the preview and the import', async () => {
    await writeFile(file('e.csv'), 'First Name;Last Name;Email\nAda;Lovelace;ada@x.test\n;;\n ; ; \nAlan;Turing;\n;;\n;;\n')
    const p = shown(ok(await app.api.import.preview({ kind: 'contacts', source_path: file('e.csv') })))
    expect([p.row_count, p.error_count, p.bad_row_count]).toEqual([2, 0, 0])
    const result = ok(await app.api.import.run({
      kind: 'contacts', source_path: file('e.csv'), has_header: true, import_id: randomUUID(), mapping: p.mapping,
    }))
    expect(result).toEqual({ imported: true, created: 2 })
  })

  it('with skip_bad_rows, imports the good rows and lists the bad ones by number', async () => {
    ok(await app.api.cases.create({ name: 'Taken', status: 'New', priority: 'Low' }))
    const before = counts()
    await writeFile(file('k.csv'), [
      'name,status,priority',
      'Good one,New,Low',
      'Closed without date,Closed,Low',
      'taken,New,Low',
      'Good two,Pending,Urgent',
      'good ONE,New,Low',
    ].join('\n'))
    const p = shown(ok(await app.api.import.preview({ kind: 'cases', source_path: file('k.csv') })))
    expect([p.row_count, p.bad_row_count]).toEqual([5, 3])
    const result = ok(await app.api.import.run({
      kind: 'cases', source_path: file('k.csv'), has_header: true, import_id: randomUUID(), mapping: p.mapping, skip_bad_rows: true,
    }))
    expect(result.imported).toBe(true)
    if (!result.imported) return
    expect(result.created).toBe(2)
    expect(result.skipped?.rows).toBe(3)
    expect(result.skipped?.errors.map((e) => [e.row, e.field])).toEqual([[3, 'closed_on'], [4, 'name'], [6, 'name']])
    expect(counts()).toEqual({ ...before, cases: before.cases + 2, outbox: before.outbox + 2 })
  })
})

describe('import.run', () => {
  it('creates every row with its outbox entry, linking contacts to accounts by name', async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    const before = counts()
    await writeFile(file('c.csv'), 'First Name,Last Name,Email,Account,Do not call\nAda,Lovelace,ada@x.test,acme,yes\nAlan,Turing,,,no\n')
    const result = ok(await app.api.import.run({
      kind: 'contacts', source_path: file('c.csv'), has_header: true, import_id: randomUUID(),
      mapping: ['first_name', 'last_name', 'email', 'account', 'do_not_call'],
    }))
    expect(result).toEqual({ imported: true, created: 2 })
    expect(counts()).toEqual({ ...before, contacts: before.contacts + 2, outbox: before.outbox + 2 })
    const list = ok(await app.api.contacts.list({ account_id: acme.id }))
    expect(list.items.map((c) => [c.first_name, c.email, c.do_not_call])).toEqual([['Ada', 'ada@x.test', true]])
  })

  it('writes nothing when any row fails, and reports every failing row by number', async () => {
    ok(await app.api.cases.create({ name: 'Taken', status: 'New', priority: 'Low' }))
    const before = counts()
    await writeFile(file('k.csv'), [
      'name,status,priority,account,closed_on',
      'Good one,New,Low,,',
      'Closed without date,Closed,Low,,',
      'taken,New,Low,,',
      'Good two,Pending,Urgent,,',
      'Orphan,New,Low,No Such Account,',
      'good ONE,New,Low,,',
      'Odd status,Sleeping,Low,,',
    ].join('\n'))
    const result = ok(await app.api.import.run({
      kind: 'cases', source_path: file('k.csv'), has_header: true, import_id: randomUUID(),
      mapping: ['name', 'status', 'priority', 'account', 'closed_on'],
    }))
    expect(result.imported).toBe(false)
    if (result.imported) return
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'closed_on'], [4, 'name'], [6, 'account'], [7, 'name'], [8, 'status'],
    ])
    expect(result.error_count).toBe(5)
    expect(counts()).toEqual(before)
  })

  it('refuses a mapping that leaves a required field out, or names a field twice or a foreign one', async () => {
    await writeFile(file('a.csv'), 'name,city\nAcme,Paris\n')
    const base = { kind: 'accounts' as const, source_path: file('a.csv'), has_header: true, import_id: randomUUID() }
    expect(err(await app.api.import.run({ ...base, mapping: [null, 'city'] })).fields).toHaveProperty('mapping')
    expect(err(await app.api.import.run({ ...base, mapping: ['name', 'name'] })).fields).toHaveProperty('mapping.1')
    expect(err(await app.api.import.run({ ...base, mapping: ['name', 'first_name'] })).fields).toHaveProperty('mapping.1')
    expect(counts().accounts).toBe(0)
  })
})

describe('export.csv', () => {
  it('round-trips accounts, contacts and cases through import, guarding formula cells', async () => {
    const acme = ok(await app.api.accounts.create({
      name: '=HYPERLINK("http://evil.test","x")', phone: '+1 555 0100', industry: 'SOFTWARE', number_of_employees: 12,
      annual_revenue: '1000.50', description: 'multi\nline, "quoted"\r\nand ünïcode', is_active: false,
    }))
    ok(await app.api.contacts.create({ first_name: '@Ada', last_name: '-Lovelace', email: 'ada@x.test', account_id: acme.id, do_not_call: true }))
    ok(await app.api.cases.create({ name: 'Broken', status: 'Closed', closed_on: '2026-01-02', priority: 'High', account_id: acme.id }))

    const exported: Record<string, string> = {}
    for (const kind of ['accounts', 'contacts', 'cases'] as const) {
      app.desktop.csvSavePath = file(`${kind}.csv`)
      const r = ok(await app.api.export.csv({ kind }))
      expect(r).toEqual({ cancelled: false, path: file(`${kind}.csv`), rows: 1 })
      exported[kind] = await readFile(file(`${kind}.csv`), 'utf8')
    }
    expect(exported.accounts!.startsWith('\uFEFF"id","name","email","phone",')).toBe(true)
    expect(exported.accounts).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`)
    expect(exported.accounts).toContain(`'+1 555 0100`)
    expect(exported.contacts).toContain(`"'@Ada","'-Lovelace"`)

    // Into a fresh data folder: the same records come back.
    const other = await openTempApp()
    try {
      for (const kind of ['accounts', 'contacts', 'cases'] as const) {
        const p = shown(ok(await other.api.import.preview({ kind, source_path: other.chose(file(`${kind}.csv`)) })))
        expect(p.errors).toEqual([])
        // Every column but when the record was created and changed, which the export writes for information.
        expect(p.headers.filter((_, i) => p.mapping[i] === null)).toEqual(['created_at', 'updated_at'])
        const r = ok(await other.api.import.run({ kind, source_path: p.source_path, mapping: p.mapping, has_header: true, import_id: randomUUID() }))
        expect(r).toEqual({ imported: true, created: 1 })
      }
      const strip = ({ id: _i, created_at: _c, updated_at: _u, version: _v, account_id: _a, ...rest }: Record<string, unknown>) => rest
      const a1 = ok(await app.api.accounts.list({ state: 'all' })).items[0]!
      const a2 = ok(await other.api.accounts.list({ state: 'all' })).items[0]!
      expect(strip({ ...a2, tags: [] })).toEqual(strip({ ...a1, tags: [] }))
      const c1 = ok(await app.api.contacts.list({ state: 'all' })).items[0]!
      const c2 = ok(await other.api.contacts.list({ state: 'all' })).items[0]!
      expect(c2.account_id).toBe(a2.id)
      expect(strip(c2 as unknown as Record<string, unknown>)).toEqual(strip(c1 as unknown as Record<string, unknown>))
      const k1 = ok(await app.api.cases.list({ state: 'all' })).items[0]!
      const k2 = ok(await other.api.cases.list({ state: 'all' })).items[0]!
      expect(strip(k2 as unknown as Record<string, unknown>)).toEqual(strip(k1 as unknown as Record<string, unknown>))
    } finally {
      await other.close()
    }
  })

  it('answers cancelled when the user cancels the save dialog, and writes nothing', async () => {
    expect(ok(await app.api.export.csv({ kind: 'accounts' }))).toEqual({ cancelled: true })
  })
})

async function writeAccountsCsv(path: string, rows: number) {
  const out = createWriteStream(path)
  out.write('name,email,city,number_of_employees\r\n')
  for (let i = 0; i < rows; i++) {
    if (!out.write(`"Company ${i}",c${i}@big.test,"City, ${i % 97}",${i}\r\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

describe('a large file', () => {
  it('streams 50,000 rows through preview and export', async () => {
    const rows = 50_000
    await writeAccountsCsv(file('big.csv'), rows)
    const p = shown(ok(await app.api.import.preview({ kind: 'accounts', source_path: file('big.csv') })))
    expect(p.row_count).toBe(rows)
    expect(p.error_count).toBe(0)
    expect(p.sample).toHaveLength(20)

    // Stored directly (the create handler's speed is not under test here), then exported page by page.
    const sqlite = app.data.services.db.sqlite
    const insert = sqlite.prepare("insert into accounts (id, name, name_key, is_active, created_at, updated_at) values (?, ?, ?, 1, '2026-01-01', '2026-01-01')")
    sqlite.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(randomUUID(), `Stored ${i}`, `stored ${i}`)
    })()
    app.desktop.csvSavePath = file('big-out.csv')
    expect(ok(await app.api.export.csv({ kind: 'accounts' }))).toMatchObject({ rows })
    const lines = (await readFile(file('big-out.csv'), 'utf8')).split('\r\n')
    expect(lines).toHaveLength(rows + 2) // the header, the rows, and the empty string after the last line break
    // Its id first; empty tags and assignees columns, then when it was created and changed.
    expect(lines[rows]).toMatch(new RegExp(`^"[0-9a-f-]{36}","Stored ${rows - 1}",,,,,,,,,,,,,,"yes",,,"[^"]+","[^"]+"$`))
  }, 120_000)

  it('reports progress while an import runs', async () => {
    const rows = 3000
    await writeAccountsCsv(file('mid.csv'), rows)
    const importId = randomUUID()
    const mapping = ['name', 'email', 'city', 'number_of_employees']
    const running = app.api.import.run({ kind: 'accounts', source_path: file('mid.csv'), mapping, has_header: true, import_id: importId })
    let finished = false
    void running.finally(() => (finished = true))
    const polled: number[] = []
    while (!finished) {
      const progress = ok(await app.api.import.progress({ import_id: importId }))
      if (progress.state === 'writing') polled.push(progress.rows_done)
      await new Promise((r) => setTimeout(r, 2))
    }
    expect(ok(await running)).toEqual({ imported: true, created: rows })
    expect(polled.some((n) => n > 0 && n < rows)).toBe(true)
    const done = ok(await app.api.import.progress({ import_id: importId }))
    expect(done).toMatchObject({ state: 'done', rows_done: rows })
    expect(done.bytes_done).toBe(done.bytes_total)
    expect(counts()).toMatchObject({ accounts: rows, outbox: rows })
    expect(ok(await app.api.import.progress({ import_id: randomUUID() })).state).toBe('unknown')
  }, 120_000)
})
