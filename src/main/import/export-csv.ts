import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import type { Transaction } from 'kysely'
import { IMPORT_FIELDS, type ExportResult, type ImportKind } from '../../shared/domain/import'
import { AppError } from '../../shared/ipc/errors'
import { syncDirectory } from '../fs/sync-directory'
import type { Database } from '../db/schema'
import type { Services } from '../services'

// Writes every record of one type to a CSV file, streamed a page at a time, in
// the columns the import reads back. Spreadsheets run a cell that starts with
// = + - @ as a formula, so such a cell is written with a leading apostrophe
// (the import takes it off again).

const PAGE = 1000
const BOOLEAN_COLUMNS = new Set(['is_active', 'do_not_call'])

/**
 * Neutralises a cell a spreadsheet would run as a formula. A value that already
 * starts with apostrophes before such a character gets one more, so the
 * import's unguard gives back exactly what was stored.
 */
export function guardCell(text: string): string {
  return /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

function cellOf(column: string, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (BOOLEAN_COLUMNS.has(column)) return value === 1 || value === true ? 'yes' : 'no'
  return guardCell(String(value))
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

async function* csvRecords(trx: Transaction<Database>, kind: ImportKind, count: { rows: number }): AsyncGenerator<string[]> {
  const columns: readonly string[] = IMPORT_FIELDS[kind]
  let after = 0
  for (;;) {
    const rows = await page(trx, kind, after)
    for (const row of rows) {
      count.rows++
      yield columns.map((c) => cellOf(c, row[c]))
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
export async function exportToCsv(s: Services, kind: ImportKind): Promise<ExportResult> {
  const date = s.clock.now().slice(0, 10)
  const path = await s.desktop.pickCsvSavePath(`${kind}-${date}.csv`)
  if (!path) return { cancelled: true }
  const temp = `${path}.${randomUUID()}.part`
  const count = { rows: 0 }
  try {
    await s.db.kysely.transaction().execute(async (trx) => {
      const csv = stringify({ header: true, columns: [...IMPORT_FIELDS[kind]], bom: true, record_delimiter: 'windows' })
      await pipeline(Readable.from(csvRecords(trx, kind, count)), csv, createWriteStream(temp, { flags: 'wx' }))
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
