import type { ImportField, ImportKind, RowError } from '../../shared/domain/import'
import type { Services } from '../services'
import type { CsvFile, CsvRow } from './csv-read'
import { cachedRows, heldRows } from './parsed-rows-cache'
import { previewLookups, type PreviewLookups } from './preview-lookups'
import { CellReadings, rowChecker, type RowCheck } from './row-check'
import { sameAsRow, takenBy, uniqueFieldOf } from './uniqueness'

// The preview's check of every row, done again at each mapping change: the
// cells' readings kept per file (row-check.ts), the database's answers kept
// while it is unchanged (preview-lookups.ts), asked for a batch of rows at a
// time. What it finds is what checking each row from scratch finds: the same
// errors in the same order, counts, updates and duplicates.

/** Rows checked between two rounds of lookups when the file's rows are not kept (it streams). */
const STREAMED_BATCH = 5_000
/** Cell texts and row places whose readings a streamed file keeps (for its rows, if those are kept in the end). */
const STREAMED_READINGS = 1_000_000

/** The readings of the kept rows of a file, per record type; gone with the rows. */
const readingsOfRows = new WeakMap<readonly CsvRow[], Map<ImportKind, CellReadings>>()

function keptReadings(rows: readonly CsvRow[], kind: ImportKind): CellReadings {
  let byKind = readingsOfRows.get(rows)
  if (!byKind) readingsOfRows.set(rows, (byKind = new Map()))
  let readings = byKind.get(kind)
  if (!readings) byKind.set(kind, (readings = new CellReadings(kind)))
  return readings
}

/**
 * The file's rows in batches: all at once from memory when kept, else streamed
 * (and kept for the next preview if small enough, with their readings).
 * `first` is the place of the batch's first row in the file's rows.
 */
async function* batchesOf(file: CsvFile, kind: ImportKind): AsyncGenerator<{ rows: readonly CsvRow[]; first: number; readings: CellReadings }> {
  const held = await heldRows(file)
  if (held) {
    yield { rows: held, first: 0, readings: keptReadings(held, kind) }
    return
  }
  const readings = new CellReadings(kind)
  let batch: CsvRow[] = []
  let first = 0
  for await (const row of cachedRows(file)) {
    batch.push(row)
    if (batch.length >= STREAMED_BATCH) {
      yield { rows: batch, first, readings }
      readings.bound(STREAMED_READINGS)
      first += batch.length
      batch = []
    }
  }
  if (batch.length) yield { rows: batch, first, readings }
  // Read to the end and now kept: the next preview starts from these readings (by row place too).
  const kept = await heldRows(file)
  if (kept) {
    const byKind = readingsOfRows.get(kept) ?? new Map<ImportKind, CellReadings>()
    if (!byKind.has(kind)) byKind.set(kind, readings)
    readingsOfRows.set(kept, byKind)
  }
}

export interface PreviewStart {
  /** The first row: answers the mapping to check with, and whether that row is a header (not checked). */
  mappingFor(firstRow: readonly string[]): Promise<{ mapping: (ImportField | null)[]; skipFirst: boolean }>
  /** Fields no column fills: reported once before the rows, not again on each. */
  unmappedFields: () => ReadonlySet<string | null>
}

export interface RowsChecked {
  rowCount: number
  updateCount: number
  sample: string[][]
}

/** Checks every data row of the file, reporting each problem in row order with `report`. */
export async function checkRows(
  s: Services,
  kind: ImportKind,
  file: CsvFile,
  start: PreviewStart,
  report: (...errors: RowError[]) => void,
  sampleRows: number,
): Promise<RowsChecked> {
  let lookups: PreviewLookups | undefined
  let mapping: (ImportField | null)[] | undefined
  let first = true
  const seen = new Map<string, number>()
  const uniqueField = uniqueFieldOf(kind)
  const out: RowsChecked = { rowCount: 0, updateCount: 0, sample: [] }
  for await (const { rows, first: place, readings } of batchesOf(file, kind)) {
    if (!rows.length) continue
    let from = 0
    if (first) {
      first = false
      const opening = await start.mappingFor(rows[0]!.cells)
      mapping = opening.mapping
      if (opening.skipFirst) from = 1
      lookups = await previewLookups(s)
    }
    const check = rowChecker(readings, mapping!)
    const checks: RowCheck[] = []
    for (let i = from; i < rows.length; i++) {
      const { cells, row } = rows[i]!
      if (out.sample.length < sampleRows) out.sample.push(cells)
      checks.push(check(cells, row, place + i))
    }
    out.rowCount += checks.length
    const answers = await lookups!.ask(s, kind, checks)
    const unmapped = start.unmappedFields()
    for (const c of checks) {
      // A field no column fills was reported once above, not again on every row.
      if (c.errors.length) report(...(unmapped.size ? c.errors.filter((e) => !unmapped.has(e.field)) : c.errors))
      if (c.account && answers.accountId(c.account.key) === null) report({ row: c.row, field: 'account', message: `No account named "${c.account.name}"` })
      if (c.assigneeRefs.length) for (const message of answers.assigneeProblems(c.assigneeRefs)) report({ row: c.row, field: 'assignees', message })
      // An id from another database is no record here: that row is new.
      const updates = c.recordId !== null && answers.isStored(c.recordId)
      if (updates) out.updateCount++
      if (c.unique) {
        const earlier = seen.get(c.unique.key)
        if (earlier !== undefined) report({ row: c.row, field: uniqueField, message: sameAsRow(kind, earlier) })
        else {
          seen.set(c.unique.key, c.row)
          const taken = answers.takenBy(c.unique.key)
          if (taken && taken !== (updates ? c.recordId : undefined)) report({ row: c.row, field: uniqueField, message: takenBy(kind, c.unique.value) })
        }
      }
    }
  }
  return out
}
