import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openAppData } from '../src/main/app-data'
import { recordingDesktop } from '../src/main/desktop'
import { handlers } from '../src/main/handlers'
import { createDispatch, type Dispatch } from '../src/main/ipc/dispatch'
import type { ImportPreview } from '../src/shared/domain/import'
import { summarize } from './measure'
import type { Figure } from './report'
import { Random } from './seed/random'

// CSV import as the user runs it: a file of contacts, each naming one of the
// database's accounts, previewed (every row checked), its mapping changed, then
// imported through 'import.run' (each row checked and written as contacts.create
// would, with its outbox entry, all in one transaction). Into a fresh data folder with the app's
// migrations, so every index, trigger and count the schema has is written, and
// every run starts from the same state.

export const IMPORT_TARGET = Object.freeze({ rowsPerSecond: 10_000, mappingChangeMs: 100 })
export const IMPORT_FIGURES = ['import: contacts CSV, rows per second', 'import: preview after a mapping change']

const FIRST = ['Anna', 'Jonas', 'Lea', 'Mehmet', 'Sofia', 'Lukas', 'Marie', 'Paul', 'Emma', 'Noah', 'Zoë', 'Álvaro', 'Chloé', 'Søren']
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'García', 'Dubois', 'Rossi', 'Nowak']
const TITLES = ['Buyer', 'Head of IT', 'Office manager', 'Site lead', 'CFO', 'Service technician']
const CITIES = ['Berlin', 'Hamburg', 'München', 'Köln', 'Wien', 'Zürich', 'Paris', 'Lyon', 'Madrid', 'Oslo']

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** A contacts CSV of `rows` rows naming `accounts` accounts, as a CRM export has it. */
export function contactsCsv(rows: number, accountNames: string[], seed = 11): string {
  const r = new Random(seed)
  const lines = ['First name,Last name,Email,Phone,Title,City,Account']
  for (let i = 0; i < rows; i++) {
    const first = r.pick(FIRST)
    const last = r.pick(LAST)
    const email = `${first}.${last}.${i}`.normalize('NFD').toLowerCase().replace(/[^a-z0-9.]/g, '') + '@example.com'
    lines.push([first, last, email, `+49 30 ${String(1_000_000 + i)}`, r.pick(TITLES), r.pick(CITIES), r.pick(accountNames)].map(cell).join(','))
  }
  return lines.join('\r\n') + '\r\n'
}

function ok<T>(channel: string, result: Awaited<ReturnType<Dispatch>>): T {
  if (!result.ok) throw new Error(`${channel} failed in the benchmark: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

export interface ImportRun {
  /** A scratch folder, emptied first. */
  dir: string
  rows: number
  accounts: number
  mappingChanges: number
  wanted(name: string): boolean
}

export async function measureImport(o: ImportRun): Promise<Figure[]> {
  rmSync(o.dir, { recursive: true, force: true })
  mkdirSync(o.dir, { recursive: true })
  const data = await openAppData({ dataDir: join(o.dir, 'data'), desktop: recordingDesktop([]) })
  const figures: Figure[] = []
  try {
    const dispatch = createDispatch(handlers, data.services, { error: (m, e) => console.error(m, e) })
    const names = Array.from({ length: o.accounts }, (_, i) => `Import Customer ${String(i + 1).padStart(4, '0')} GmbH`)
    for (const name of names) ok('accounts.create', await dispatch('accounts.create', { name }))
    const file = resolve(o.dir, 'contacts.csv')
    writeFileSync(file, contactsCsv(o.rows, names))
    data.services.grants.grant(file)

    const first = ok<Extract<ImportPreview, { cancelled: false }>>('import.preview', await dispatch('import.preview', { kind: 'contacts', source_path: file }))
    if (first.error_count) throw new Error(`The benchmark's file has problems: ${JSON.stringify(first.errors.slice(0, 3))}`)
    const mapping = first.mapping

    if (o.wanted(IMPORT_FIGURES[1]!)) {
      // The user leaves out the title column, then takes it back, and so on: each change previews again.
      const titleAt = mapping.indexOf('title')
      const times: number[] = []
      for (let i = 0; i < o.mappingChanges; i++) {
        const changed = mapping.map((f, c) => (c === titleAt && i % 2 === 0 ? null : f))
        const t = performance.now()
        const p = ok<Extract<ImportPreview, { cancelled: false }>>('import.preview', await dispatch('import.preview', { kind: 'contacts', source_path: file, mapping: changed, has_header: true }))
        times.push(performance.now() - t)
        if (p.row_count !== o.rows || p.error_count) throw new Error('The preview after a mapping change did not read every row')
      }
      const t = summarize(times)
      figures.push({
        name: IMPORT_FIGURES[1]!, unit: 'ms', value: t.p95, p50: t.p50, target: IMPORT_TARGET.mappingChangeMs, ratio: t.p95 / IMPORT_TARGET.mappingChangeMs,
        pass: t.p95 < IMPORT_TARGET.mappingChangeMs, note: `${o.rows.toLocaleString('en')} rows, ${t.n} changes`,
      })
    }

    if (o.wanted(IMPORT_FIGURES[0]!)) {
      const t = performance.now()
      const cpu = process.cpuUsage()
      const result = ok<{ imported: boolean; created: number }>('import.run', await dispatch('import.run', { kind: 'contacts', source_path: file, mapping, has_header: true, import_id: randomUUID() }))
      const seconds = (performance.now() - t) / 1000
      const used = process.cpuUsage(cpu)
      const cpuSeconds = (used.user + used.system) / 1e6
      if (!result.imported || result.created !== o.rows) throw new Error(`The benchmark's import created ${result.created} of ${o.rows} rows`)
      const outbox = (data.services.db.sqlite.prepare(`SELECT count(*) AS n FROM outbox WHERE entity = 'contact'`).get() as { n: number }).n
      if (outbox !== o.rows) throw new Error(`The import left ${outbox} outbox entries for ${o.rows} contacts`)
      const rate = o.rows / seconds
      figures.push({
        name: IMPORT_FIGURES[0]!, unit: 'rows/s', value: rate, target: IMPORT_TARGET.rowsPerSecond, atLeast: true, ratio: rate / IMPORT_TARGET.rowsPerSecond, pass: rate >= IMPORT_TARGET.rowsPerSecond,
        note: `${o.rows.toLocaleString('en')} contacts with ${o.accounts.toLocaleString('en')} accounts named, in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s), into a fresh database`,
      })
    }
  } finally {
    await data.close()
    rmSync(o.dir, { recursive: true, force: true })
  }
  return figures
}
