import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IMPORT_FIELDS, type ImportField, type ImportKind } from '../../shared/domain/import'
import { slugify } from '../../shared/domain/tags'
import type { HandlerInput } from '../../shared/ipc/contract'
import { ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { textKey } from '../records/keys'
import { parseRow } from './rows'

// An import writes its records with prepared statements and fills the search
// indexes in bulk before it commits (create-rows.ts, search/deferred-upkeep.ts).
// Here the same rows are imported into one database and created through the
// create handlers, one call each, in another, both on the same stepping clock:
// every table (records, links, outbox, case history, list and link totals,
// tags) must hold the same rows, every full-text and substring index the same
// entries, and the lists, "contains" filters and search the same answers.

let viaImport: TempApp
let viaHandlers: TempApp
let dir: string

beforeEach(async () => {
  ;[viaImport, viaHandlers] = [await openTempApp({ clock: steppingClock() }), await openTempApp({ clock: steppingClock() })]
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-equivalence-'))
  for (const app of [viaImport, viaHandlers]) {
    for (const [id, name, email] of USERS) {
      app.data.services.db.sqlite
        .prepare(`INSERT INTO users (id, name, email, role, is_me, is_active, created_at, updated_at) VALUES (?, ?, ?, 'USER', 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`)
        .run(id, name, email)
    }
    for (const name of ACCOUNTS) ok(await app.api.accounts.create({ name, city: 'Köln' }))
    ok(await app.api.tags.create({ name: 'VIP', color: 'red' }))
  }
})
afterEach(async () => {
  await viaImport.close()
  await viaHandlers.close()
  await rm(dir, { recursive: true, force: true })
})

const USERS = [
  ['6f1c0a52-0000-4000-8000-000000000001', 'Ann Seller', 'ann@example.com'],
  ['6f1c0a52-0000-4000-8000-000000000002', 'Bob Field', 'bob@example.com'],
] as const
const ACCOUNTS = ['Müller & Söhne GmbH', 'Acme Corp', 'Østfold Energi AS']
const FIRST = ['Zoë', 'Jonas', 'Álvaro', 'Chloé', 'Søren', 'Mehmet']
const LAST = ['Müller', 'García', 'Dubois', 'Nowak', 'O\'Brien']
const CITIES = ['München', 'Köln', 'São Paulo', 'Zürich', '']
const TITLES = ['Head of IT', 'Buyer', 'Größter Käufer', '']
const TAGS = ['', 'VIP', 'Partner', 'vip; Reseller', 'Key account']
const OWNERS = ['', 'ann@example.com', 'bob field', 'Ann Seller; bob@example.com']

const pick = <T,>(list: readonly T[], i: number, step: number) => list[(i * step) % list.length]!

/** Cells of one row, by field; the row numbers that repeat an earlier unique value or name no account are refused. */
function cellsOf(kind: ImportKind, i: number): Partial<Record<ImportField, string>> {
  const common = { tags: pick(TAGS, i, 3), assignees: pick(OWNERS, i, 5), is_active: i % 7 === 3 ? 'no' : i % 2 ? 'yes' : '' }
  const account = i === 13 ? 'No Such Account' : pick(['', ...ACCOUNTS, 'acme corp'], i, 2)
  const description = i % 3 ? `Notes ${i}: ${pick(LAST, i, 1)} wants a call about the ${pick(CITIES, i, 2)} site` : ''
  // Row 17 repeats row 5's unique value (another case, the same key); row 18 a stored one.
  const n = i === 17 ? 5 : i
  if (kind === 'contacts') {
    const email = i === 18 ? '' : `${pick(FIRST, n, 1)}.${pick(LAST, n, 1)}.${n}@Example.com`.normalize('NFD').replace(/[^A-Za-z0-9.@]/g, '')
    return {
      ...common, account, description, first_name: pick(FIRST, i, 1), last_name: pick(LAST, i, 1), email: i === 17 ? email.toUpperCase() : email,
      phone: i % 4 ? `+49 30 ${1_000_000 + i}` : '', organization: i % 5 ? pick(ACCOUNTS, i, 1) : '', title: pick(TITLES, i, 1),
      department: i % 6 ? 'Sales' : '', do_not_call: i % 5 === 2 ? 'yes' : '', linkedin_url: i % 8 === 1 ? `https://www.linkedin.com/in/p${i}` : '',
      address_line: i % 3 ? `Hauptstraße ${i}` : '', city: pick(CITIES, i, 1), state: i % 4 === 1 ? 'Bayern' : '', postcode: i % 2 ? `8${String(i).padStart(4, '0')}` : '',
      country: i % 5 === 1 ? 'DE' : '',
    }
  }
  if (kind === 'accounts') {
    return {
      ...common, description, name: i === 18 ? 'ACME CORP' : `${pick(LAST, n, 1)} ${pick(['Handel', 'Bau', 'Énergie', 'IT'], n, 1)} ${n}`,
      email: i % 3 ? `office${i}@example.com` : '', phone: i % 4 ? `+43 1 ${500_000 + i}` : '', website: i % 5 ? `https://example${i}.com` : '',
      industry: i % 4 ? pick(['Technology', 'Finance', 'Healthcare'], i, 1) : '', number_of_employees: i % 3 ? `${i * 1_000}` : '',
      annual_revenue: i % 6 ? `${i}000000` : '', currency: i % 6 ? 'EUR' : '', address_line: i % 2 ? `Ring ${i}` : '',
      city: pick(CITIES, i, 3), state: '', postcode: i % 2 ? `1${String(i).padStart(3, '0')}` : '', country: i % 3 ? 'AT' : '',
    }
  }
  const status = pick(['New', 'Assigned', 'Pending', 'Closed', 'Rejected'], i, 1)
  return {
    ...common, account, description, name: i === 18 ? 'Stored Case' : `Ticket ${n}: ${pick(['Login fails', 'Drucker streikt', 'Rechnung falsch'], n, 1)}`,
    status, priority: pick(['Low', 'Normal', 'High', 'Urgent'], i, 3), case_type: i % 3 ? pick(['Question', 'Incident', 'Problem'], i, 1) : '',
    closed_on: status === 'Closed' ? '2026-03-04' : '',
  }
}

const ROWS = 40
const cell = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** What import.run does for one row, done through the handlers: tags looked up or made, the account and users found, then the create call. */
async function createViaHandlers(app: TempApp, kind: ImportKind, mapping: ImportField[], cells: string[], row: number, madeTags: Map<string, string>) {
  const parsed = parseRow(kind, mapping, cells, row)
  if (!parsed.input) return
  const sqlite = app.data.services.db.sqlite
  const links: Record<string, unknown> = {}
  if (parsed.accountName) {
    const account = sqlite.prepare('SELECT id FROM accounts WHERE name_key = ?').get(textKey(parsed.accountName)) as { id: string } | undefined
    if (!account) return
    links['account_id'] = account.id
  }
  if (parsed.assigneeRefs.length) {
    const ids = parsed.assigneeRefs.map((ref) => (sqlite.prepare('SELECT id FROM users WHERE lower(email) = ? OR lower(name) = ?').get(ref.toLowerCase(), ref.toLowerCase()) as { id: string }).id)
    links['assignee_ids'] = [...new Set(ids)]
  }
  if (parsed.tagNames.length) {
    const ids: string[] = []
    for (const name of parsed.tagNames) {
      const slug = slugify(name)
      let id = madeTags.get(slug) ?? (sqlite.prepare('SELECT id FROM tags WHERE slug = ? AND is_active = 1').get(slug) as { id: string } | undefined)?.id
      id ??= ok(await app.api.tags.create({ name, color: 'blue' })).id
      madeTags.set(slug, id)
      ids.push(id)
    }
    links['tag_ids'] = ids
  }
  const input = { ...parsed.input, ...links }
  if (kind === 'accounts') await app.api.accounts.create(input as HandlerInput<'accounts.create'>)
  else if (kind === 'contacts') await app.api.contacts.create(input as HandlerInput<'contacts.create'>)
  else await app.api.cases.create(input as HandlerInput<'cases.create'>)
}

/** Every ordinary table's rows in order; each full-text index as its entries (term, record, column, position), which do not depend on how the index was written. */
function contentsOf(app: TempApp): Record<string, unknown[]> {
  const sqlite = app.data.services.db.sqlite
  const tables = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string; sql: string }[]
  const fts = tables.filter((t) => /VIRTUAL TABLE .* USING fts5\(/i.test(t.sql)).map((t) => t.name)
  const shadow = (name: string) => fts.some((f) => name.startsWith(`${f}_`))
  const out: Record<string, unknown[]> = {}
  for (const { name, sql } of tables) {
    if (fts.includes(name) || shadow(name) || /VIRTUAL TABLE/i.test(sql) || name.startsWith('kysely_')) continue
    out[name] = sqlite.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()
  }
  for (const name of fts) {
    sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp."${name}_entries" USING fts5vocab(main, "${name}", 'instance')`)
    out[`${name} entries`] = sqlite.prepare(`SELECT term, doc, col, offset FROM temp."${name}_entries" ORDER BY doc, col, offset, term`).all()
  }
  return out
}

/** The same questions asked of both databases: lists with "contains" filters, the search box, search. */
async function answersOf(app: TempApp, kind: ImportKind) {
  const ids = (r: { items: { id: string }[]; total: number }) => [r.total, r.items.map((i) => i.id)]
  const answers: unknown[] = []
  for (const term of ['mül', 'MÜLLER', 'ñ', 'zoe', 'chloe.dubois', 'example.com', 'münch', 'sao pa', 'größ', 'head of', 'energ', 'login', 'drucker', 'ticket 1', 'acme']) {
    answers.push(ids(ok(await app.api.contacts.list({ search: term, state: 'all', limit: 100 }))))
    answers.push(ids(ok(await app.api.contacts.list({ email: term, state: 'all', limit: 100 }))))
    answers.push(ids(ok(await app.api.contacts.list({ city: term, limit: 100 }))))
    answers.push(ids(ok(await app.api.contacts.list({ name: term, limit: 100 }))))
    answers.push(ids(ok(await app.api.accounts.list({ name: term, state: 'all', limit: 100 }))))
    answers.push(ids(ok(await app.api.accounts.list({ city: term, limit: 100 }))))
    answers.push(ids(ok(await app.api.cases.list({ name: term, state: 'all', limit: 100 }))))
    answers.push(ok(await app.api.search.query({ text: term, limit: 100 })).map((h) => [h.kind, h.id]))
  }
  for (const state of ['active', 'closed'] as const) {
    if (kind === 'accounts') answers.push(ids(ok(await app.api.accounts.list({ state, limit: 100 }))))
    else if (kind === 'contacts') answers.push(ids(ok(await app.api.contacts.list({ state, limit: 100 }))))
    else answers.push(ids(ok(await app.api.cases.list({ state, limit: 100 }))))
  }
  return answers
}

describe('an import writes what the create handlers write', () => {
  for (const kind of ['contacts', 'accounts', 'cases'] as const) {
    it(`${kind}: the same rows in every table, the same index entries, the same answers`, async () => {
      const mapping = IMPORT_FIELDS[kind].filter((f) => f !== 'id') as ImportField[]
      const rows = Array.from({ length: ROWS }, (_, i) => mapping.map((f) => cellsOf(kind, i)[f] ?? ''))
      if (kind === 'cases') for (const app of [viaImport, viaHandlers]) ok(await app.api.cases.create({ name: 'Stored Case', status: 'New', priority: 'Low' }))
      const file = join(dir, `${kind}.csv`)
      await writeFile(file, rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n')

      const result = ok(await viaImport.api.import.run({ kind, source_path: viaImport.chose(file), mapping, has_header: false, skip_bad_rows: true, import_id: randomUUID() }))
      if (!result.imported) throw new Error(`The import failed: ${JSON.stringify(result.errors)}`)
      const made = new Map<string, string>()
      for (const [i, cells] of rows.entries()) await createViaHandlers(viaHandlers, kind, mapping, cells, i + 1, made)

      // Not vacuous: most rows were created, the refused ones were refused, and searches find the new records.
      expect(result.created).toBeGreaterThan(ROWS - 6)
      expect(result.skipped?.rows).toBeGreaterThan(0)
      const imported = contentsOf(viaImport)
      expect(imported[kind]!.length).toBeGreaterThan(ROWS - 6)
      expect(imported['search_index entries']!.length).toBeGreaterThan(ROWS * 5)
      expect(contentsOf(viaHandlers)).toEqual(imported)
      const answers = await answersOf(viaImport, kind)
      expect(answers.filter((a) => JSON.stringify(a).includes('"')).length).toBeGreaterThan(10)
      expect(await answersOf(viaHandlers, kind)).toEqual(answers)
    })
  }
})
