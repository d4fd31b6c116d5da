import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import type { Transaction } from 'kysely'
import type { CsvFlavour } from '../../shared/domain/csv-flavour'
import { EXPORT_ONLY_COLUMNS, IMPORT_FIELDS, type ExportResult, type ImportKind } from '../../shared/domain/import'
import { AppError } from '../../shared/ipc/errors'
import { syncDirectory } from '../fs/sync-directory'
import type { Database } from '../db/schema'
import type { Services } from '../services'
import { assigneesOf, tagsOf } from '../records/relations'
import { cellText, stringifyOptions } from './csv-cells'
import { joinList } from './links'

// Writes every record of one type to a CSV file, streamed a page at a time, in
// the columns the import reads back, for spreadsheets (guarded) or as plain
// data (exact); see csv-cells.ts.

const PAGE = 1000
const BOOLEAN_COLUMNS = new Set(['is_active', 'do_not_call'])

function cellOf(column: string, value: unknown, flavour: CsvFlavour): string {
  if (value === null || value === undefined) return ''
  if (BOOLEAN_COLUMNS.has(column)) return value === 1 || value === true ? 'yes' : 'no'
  return typeof value === 'number' ? String(value) : cellText(String(value), flavour)
}

/** One page of rows after `afterSeq`, with the linked account's name as `account`. */
async function page(trx: Transaction<Database>, kind: ImportKind, afterSeq: number): Promise<Array<Record<string, unknown> & { seq: number }>> {
  if (kind === 'accounts') {
    return trx.selectFrom('accounts').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(PAGE).execute()
  }
  const table = kind
  return trx
    .selectFrom(table)
    .leftJoin('accounts', 'accounts.id', `${table}.account_id`)
    .selectAll(table)
    .select('accounts.name as account')
    .where(`${table}.seq`, '>', afterSeq)
    .orderBy(`${table}.seq`)
    .limit(PAGE)
    .execute() as Promise<Array<Record<string, unknown> & { seq: number }>>
}

/** The import's fields (the id first), then when each record was created and last changed. */
const exportColumns = (kind: ImportKind): string[] => [...IMPORT_FIELDS[kind], ...EXPORT_ONLY_COLUMNS]

const PARENT_TYPE = { accounts: 'account', contacts: 'contact', cases: 'case' } as const

async function* csvRecords(trx: Transaction<Database>, kind: ImportKind, flavour: CsvFlavour, count: { rows: number }): AsyncGenerator<string[]> {
  const columns = exportColumns(kind)
  let after = 0
  for (;;) {
    const rows = await page(trx, kind, after)
    // Tags by name and assignees by email, "; "-separated, as the import reads them back (links.ts).
    const ids = rows.map((r) => r['id'] as string)
    const [tags, assignees] = await Promise.all([tagsOf(trx, PARENT_TYPE[kind], ids), assigneesOf(trx, PARENT_TYPE[kind], ids)])
    for (const row of rows) {
      count.rows++
      const id = row['id'] as string
      const links: Record<string, string> = {
        tags: joinList((tags.get(id) ?? []).map((t) => t.name)),
        assignees: joinList((assignees.get(id) ?? []).map((u) => u.email || u.name)),
      }
      yield columns.map((c) => cellOf(c, c in links ? links[c] || null : row[c], flavour))
    }
    if (rows.length < PAGE) return
    after = rows[rows.length - 1]!.seq
  }
}

/**
 * Exports to a path the user chose. The file is written next to it under a
 * temporary name and renamed when complete, so a failure never leaves half a
 * file under the chosen name. Read in one transaction: a consistent snapshot.
 */
export async function exportToCsv(s: Services, kind: ImportKind, flavour: CsvFlavour): Promise<ExportResult> {
  const date = s.clock.now().slice(0, 10)
  const path = await s.desktop.pickCsvSavePath(`${kind}-${date}.csv`)
  if (!path) return { cancelled: true }
  const temp = `${path}.${randomUUID()}.part`
  const count = { rows: 0 }
  try {
    await s.db.kysely.transaction().execute(async (trx) => {
      const csv = stringify({ header: true, columns: exportColumns(kind), bom: true, record_delimiter: 'windows', ...stringifyOptions(flavour) })
      await pipeline(Readable.from(csvRecords(trx, kind, flavour, count)), csv, createWriteStream(temp, { flags: 'wx' }))
    })
    const handle = await open(temp, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
    await syncDirectory(dirname(path))
  } catch (error) {
    await rm(temp, { force: true })
    if (error instanceof AppError) throw error
    throw new AppError('io', `The export could not be written: ${(error as Error).message}`)
  }
  return { cancelled: false, path, rows: count.rows }
}
