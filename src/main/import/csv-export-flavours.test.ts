import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXPORT_ONLY_COLUMNS, IMPORT_FIELDS } from '../../shared/domain/import'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

// Both CSV exports read back with an independent reader, Python's csv module
// (as a spreadsheet or another program would read them), not with the app's
// own importer, which hid rows split by bare line breaks.

/** The file's rows as Python's csv module reads them with `delimiter`. */
function pythonRows(path: string, delimiter = ','): string[][] {
  const script = 'import csv, json, sys\nwith open(sys.argv[1], newline="", encoding="utf-8-sig") as f:\n    print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))'
  return JSON.parse(execFileSync('python3', ['-c', script, path, delimiter], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as string[][]
}

let app: TempApp
let outside: string
beforeEach(async () => {
  app = await openTempApp()
  outside = await mkdtemp(join(tmpdir(), 'fieldcrm-csv-flavours-'))
})
afterEach(async () => {
  await app.close()
  await rm(outside, { recursive: true, force: true })
})

const HOSTILE = `Acme;=cmd|' /C calc'!A0`
const FORMULA_START = /^[=+\-@\t\r]/

async function seed() {
  const acme = ok(await app.api.accounts.create({ name: HOSTILE, phone: '+1 555 0100', city: 'Tab\tcity|=x' }))
  for (let i = 0; i < 20; i++) {
    ok(await app.api.contacts.create({
      first_name: `Kim ${i}`,
      last_name: i % 2 ? '=HYPERLINK("http://evil")' : 'Lee',
      phone: '+49 30 1234567',
      description: ['line one\nline two', 'bare\rreturn', 'windows\r\nbreak', 'plain'][i % 4],
      account_id: acme.id,
    }))
  }
}

async function exportRecords(kind: 'accounts' | 'contacts', flavour: 'spreadsheet' | 'plain'): Promise<string> {
  app.desktop.csvSavePath = join(outside, `${kind}-${flavour}.csv`)
  ok(await app.api.export.csv({ kind, flavour }))
  return app.desktop.csvSavePath
}

describe('export.csv', () => {
  it('quotes cells with a bare line break, so every record is one row with every column', async () => {
    await seed()
    for (const flavour of ['spreadsheet', 'plain'] as const) {
      const rows = pythonRows(await exportRecords('contacts', flavour))
      expect(rows, flavour).toHaveLength(21)
      for (const row of rows) expect(row, flavour).toHaveLength(IMPORT_FIELDS.contacts.length + EXPORT_ONLY_COLUMNS.length)
      const descriptions = rows.slice(1).map((r) => r[IMPORT_FIELDS.contacts.indexOf('description')])
      expect(descriptions.slice(0, 4)).toEqual(['line one\nline two', 'bare\rreturn', 'windows\r\nbreak', 'plain'])
    }
  })

  it('for spreadsheets: no cell starts a formula, whatever separator the spreadsheet splits at', async () => {
    await seed()
    const path = await exportRecords('accounts', 'spreadsheet')
    for (const delimiter of [',', ';', '\t', '|']) {
      for (const row of pythonRows(path, delimiter)) for (const cell of row) expect(cell, `split at ${JSON.stringify(delimiter)}`).not.toMatch(FORMULA_START)
    }
    const [header, acme] = pythonRows(path)
    expect(acme![header!.indexOf('name')]).toBe("Acme;'=cmd|' /C calc'!A0")
    expect(acme![header!.indexOf('phone')]).toBe("'+1 555 0100") // guarded, as the UI says
    expect(await readFile(path, 'utf8')).toContain(`"Acme;'=cmd|' /C calc'!A0"`)
    // The app's own import takes the guard off again.
    await app.api.accounts.delete({ id: ok(await app.api.accounts.list({})).items[0]!.id })
    const back = ok(await app.api.import.preview({ kind: 'accounts', source_path: app.chose(path) }))
    if (back.cancelled) throw new Error('cancelled')
    expect(ok(await app.api.import.run({ kind: 'accounts', source_path: path, mapping: back.mapping, has_header: true, import_id: crypto.randomUUID() }))).toMatchObject({ imported: true })
    const names = ok(await app.api.accounts.list({ state: 'all' })).items.map((a) => [a.name, a.phone, a.city])
    expect(names).toContainEqual([HOSTILE, '+1 555 0100', 'Tab\tcity|=x'])
  })

  it('as plain data: every value exactly as stored', async () => {
    await seed()
    const [header, ...rows] = pythonRows(await exportRecords('contacts', 'plain'))
    expect(rows.map((r) => r[header!.indexOf('phone')])).toEqual(Array(20).fill('+49 30 1234567'))
    expect(rows[1]![header!.indexOf('last_name')]).toBe('=HYPERLINK("http://evil")')
  })
})

describe('data.export as CSV', () => {
  async function exportAll(flavour: 'spreadsheet' | 'plain') {
    app.desktop.exportFolder = outside
    const result = ok(await app.api.data.export({ format: 'csv', flavour }))
    if (result.status !== 'exported') throw new Error('cancelled')
    expect(result.flavour).toBe(flavour)
    return result
  }

  it('for spreadsheets: guarded like export.csv, and every row whole', async () => {
    await seed()
    const result = await exportAll('spreadsheet')
    for (const delimiter of [',', ';', '\t', '|']) {
      for (const row of pythonRows(join(result.folder, 'accounts.csv'), delimiter)) for (const cell of row) expect(cell).not.toMatch(FORMULA_START)
    }
    const contacts = pythonRows(join(result.folder, 'contacts.csv'))
    expect(contacts).toHaveLength(21)
    expect(new Set(contacts.map((r) => r.length)).size).toBe(1)
    const manifest = JSON.parse(await readFile(join(result.folder, 'manifest.json'), 'utf8'))
    expect(manifest).toMatchObject({ format: 'csv', csvFlavour: 'spreadsheet' })
  })

  it('as plain data: exact values, every row whole', async () => {
    await seed()
    const result = await exportAll('plain')
    const [header, ...contacts] = pythonRows(join(result.folder, 'contacts.csv'))
    expect(contacts).toHaveLength(20)
    for (const row of contacts) expect(row).toHaveLength(header!.length)
    expect(contacts.map((r) => r[header!.indexOf('description')]).slice(0, 4)).toEqual(['line one\nline two', 'bare\rreturn', 'windows\r\nbreak', 'plain'])
    expect(contacts[1]![header!.indexOf('last_name')]).toBe('=HYPERLINK("http://evil")')
  })
})
