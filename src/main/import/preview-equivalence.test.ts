import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMPORT_FIELDS, REQUIRED_FIELDS, type ImportField, type ImportKind, type RowError } from '../../shared/domain/import'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { insertUser } from '../../../test/unit/core/db-state'
import { openCsv } from './csv-read'
import { resolveAssignees } from './links'
import { parseRow } from './rows'
import { accountIdByName, isStored, uniqueFieldOf, UniquenessCheck } from './uniqueness'

// The preview at a mapping change reuses what it read of the cells and asked
// the database before (row-check.ts, preview-lookups.ts). Its answer must be
// the one a preview from scratch gives: here that preview is the check as it
// was written before those caches, row by row with parseRow and one query per
// row, and both are compared over random files, mappings and headers.

let app: TempApp
let dir: string
let pool: string[]
let stored: Record<ImportKind, string>

/** The preview's row checks from scratch: every row parsed again, every lookup asked again. */
async function previewFromScratch(kind: ImportKind, path: string, mapping: (ImportField | null)[], hasHeader: boolean) {
  const db = app.data.services.db.kysely
  const errors: RowError[] = []
  const badRows = new Set<number>()
  const add = (...es: RowError[]) => {
    for (const e of es) {
      errors.push(e)
      if (e.row > 0) badRows.add(e.row)
    }
  }
  const unique = new UniquenessCheck(kind)
  const unmapped = (REQUIRED_FIELDS[kind] as readonly ImportField[]).filter((f) => !mapping.includes(f))
  let rowCount = 0
  let updateCount = 0
  let first = true
  for await (const { cells, row } of (await openCsv(path)).rows()) {
    if (first) {
      first = false
      add(...unmapped.map((f) => ({ row: 0, field: f, message: `No column is mapped to ${f}` })))
      if (hasHeader) continue
    }
    rowCount++
    const parsed = parseRow(kind, mapping, cells, row)
    add(...parsed.errors.filter((e) => !unmapped.includes(e.field as ImportField)))
    if (parsed.accountName && !(await accountIdByName(db, parsed.accountName))) add({ row, field: 'account', message: `No account named "${parsed.accountName}"` })
    if (parsed.assigneeRefs.length) for (const message of (await resolveAssignees(db, parsed.assigneeRefs)).problems) add({ row, field: 'assignees', message })
    const updates = parsed.recordId !== null && (await isStored(db, kind, parsed.recordId))
    if (updates) updateCount++
    const field = uniqueFieldOf(kind)
    const duplicate = parsed.input ? await unique.problem(db, parsed.input[field], row, true, updates ? parsed.recordId! : undefined) : null
    if (duplicate) add({ row, field, message: duplicate })
  }
  // The preview lists the first 200 and counts them all.
  return { errors: errors.slice(0, 200), error_count: errors.length, bad_row_count: badRows.size, row_count: rowCount, update_count: updateCount }
}

async function preview(kind: ImportKind, path: string, mapping: (ImportField | null)[], hasHeader: boolean) {
  const p = ok(await app.api.import.preview({ kind, source_path: path, mapping, has_header: hasHeader }))
  if (p.cancelled) throw new Error('cancelled')
  return { errors: p.errors, error_count: p.error_count, bad_row_count: p.bad_row_count, row_count: p.row_count, update_count: p.update_count }
}

beforeAll(async () => {
  app = await openTempApp()
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-preview-eq-'))
  const account = ok(await app.api.accounts.create({ name: 'Bestand GmbH' }))
  const contact = ok(await app.api.contacts.create({ first_name: 'Sto', last_name: 'Red', email: 'stored@example.test' }))
  const kase = ok(await app.api.cases.create({ name: 'Stored case', status: 'New', priority: 'Low' }))
  insertUser(app, randomUUID(), 'Ann Seller', 'ann@example.com')
  insertUser(app, randomUUID(), 'Sam Same', 'sam1@example.com')
  insertUser(app, randomUUID(), 'Sam Same', 'sam2@example.com')
  stored = { accounts: account.id, contacts: contact.id, cases: kase.id }
  const ids = [account.id, contact.id, kase.id]
  // Cells every field may meet: valid and invalid for each, repeats in other spellings, guarded formulas.
  pool = [
    '', ' ', 'Acme', 'ACME', 'acme ', 'Ärzte', 'ÄRZTE', '\u200bAcme', "'=1+1", '=1+1', 'x'.repeat(300), 'Bestand GmbH', 'bestand gmbh',
    'Nobody Inc', 'a@example.test', 'A@EXAMPLE.TEST', 'STORED@example.test', 'not-an-email', '+49 30 1234567', 'call me',
    'example.com', 'ftp://x.example', 'DE', 'de', 'XX', 'EUR', 'eu', '12', '1,000', 'many', '1000.50', 'yes', 'N', 'maybe',
    'New', 'closed', 'Closed', 'high', 'Urgent', 'question', 'Problem', '2026-01-02', '02/01/2026', 'computer', 'COMPUTER',
    'vip; Partner', 't'.repeat(60), 'ann@example.com', 'Sam Same', 'nobody@example.com', 'Ann Seller; nobody', 'Stored case',
    'stored case', 'BESTAND GMBH', 'stored@example.test', 'STORED CASE', 'not-an-id', randomUUID(), ...ids, ...ids.map((id) => id.toUpperCase()),
  ]
})
afterAll(async () => {
  await app.close()
  await rm(dir, { recursive: true, force: true })
})

/** A mapping of `columns` columns: each a field of the kind or none, no field twice. */
const mappingOf = (kind: ImportKind, columns: number) =>
  fc.array(fc.option(fc.constantFrom(...(IMPORT_FIELDS[kind] as readonly ImportField[])), { nil: null }), { minLength: columns, maxLength: columns })
    .map((m) => m.map((f, i) => (f && m.indexOf(f) === i ? f : null)))

const fileCase = fc.constantFrom<ImportKind>('accounts', 'contacts', 'cases').chain((kind) =>
  fc.integer({ min: 1, max: 7 }).chain((columns) =>
    fc.record({
      kind: fc.constant(kind),
      rows: fc.array(fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 25 }),
      hasHeader: fc.boolean(),
      headerAfter: fc.boolean(),
      before: mappingOf(kind, columns),
      after: mappingOf(kind, columns),
    }),
  ),
)

type FileCase = typeof fileCase extends fc.Arbitrary<infer T> ? T : never

describe('the preview after a mapping change', () => {
  it('answers what a preview from scratch answers, for any file, mappings and headers', async () => {
    let n = 0
    const at = (cell: string) => pool.indexOf(cell)
    // Rare by chance: a row updating the stored record whose unique value it has, then rows repeating it.
    const updating = (['accounts', 'contacts', 'cases'] as const).map((kind): [FileCase] => {
      const unique = { accounts: 'BESTAND GMBH', contacts: 'STORED@example.test', cases: 'STORED CASE' }[kind]
      const idAt = pool.indexOf(stored[kind].toUpperCase())
      const rows = [[idAt, at(unique), at('Acme'), at('New'), at('high')], [at('not-an-id'), at(unique), at('Acme'), at('New'), at('high')], [idAt, at(unique.toLowerCase()), at('Ärzte'), at('Closed'), at('Urgent')]]
      const mapping = { accounts: ['id', 'name', 'city', null, null], contacts: ['id', 'email', 'first_name', 'last_name', null], cases: ['id', 'name', 'description', 'status', 'priority'] }[kind] as (ImportField | null)[]
      return [{ kind, rows, hasHeader: false, headerAfter: false, before: mapping.map((f) => (f === 'id' ? null : f)), after: mapping }]
    })
    // A case's closing-date rule runs after a key's error that does not stop the parse (a name too long), not after one that does (an unknown status).
    const closing: [FileCase] = [{
      kind: 'cases', hasHeader: false, headerAfter: false,
      rows: [[at('x'.repeat(300)), at('Closed'), at('high')], [at('Acme'), at('closed'), at('Urgent')], [at('ÄRZTE'), at('maybe'), at('Urgent')], [at(''), at('Closed'), at('many')]],
      before: ['name', 'status', null], after: ['name', 'status', 'priority'],
    }]
    await fc.assert(
      fc.asyncProperty(fileCase, async ({ kind, rows, hasHeader, headerAfter, before, after }) => {
        const path = app.chose(join(dir, `f${n++}.csv`))
        await writeFile(path, stringify(rows.map((r) => r.map((i) => pool[i % pool.length]!)), { record_delimiter: '\r\n' }))
        // The first preview reads the file; the next ones reuse its readings and answers.
        await preview(kind, path, before, hasHeader)
        expect(await preview(kind, path, after, headerAfter)).toEqual(await previewFromScratch(kind, path, after, headerAfter))
        expect(await preview(kind, path, before, hasHeader)).toEqual(await previewFromScratch(kind, path, before, hasHeader))
      }),
      { numRuns: Number(process.env.PREVIEW_RUNS ?? 150), examples: [...updating, closing] },
    )
  }, 120_000)

  it('answers the same for a file read in several batches (streamed) and then from memory', async () => {
    const lines = ['First name,Last name,Email,Account,Title']
    // Emails repeat across the batches, some are stored, some rows invalid; accounts stored or not.
    for (let i = 0; i < 12_000; i++) {
      const email = i % 997 === 0 ? 'STORED@example.test' : i % 1_001 === 0 ? 'broken' : `p${i % 7_000}@example.test`
      lines.push([i % 503 === 0 ? '' : 'Ada', 'Lovelace', email, i % 3 ? 'Bestand GmbH' : 'Nobody Inc', i % 2 ? 'x'.repeat(300) : 'Buyer'].join(','))
    }
    const path = app.chose(join(dir, 'long.csv'))
    await writeFile(path, lines.join('\r\n'))
    const mapping: ImportField[] = ['first_name', 'last_name', 'email', 'account', 'title']
    const scratch = await previewFromScratch('contacts', path, mapping, true)
    expect(scratch.error_count).toBeGreaterThan(12_000)
    expect(await preview('contacts', path, mapping, true)).toEqual(scratch)
    expect(await preview('contacts', path, mapping, true)).toEqual(scratch)
  }, 120_000)
})
