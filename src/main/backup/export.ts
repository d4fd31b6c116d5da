import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { stringify } from 'csv-stringify/sync'
import type { CsvFlavour } from '../../shared/domain/csv-flavour'
import type { ExportFormat } from '../../shared/domain/backup'
import { AppError } from '../../shared/ipc/errors'
import { syncDirectory } from '../fs/sync-directory'
import { cellText, stringifyOptions } from '../import/csv-cells'

/** Tables that only speed the app up (counts kept by triggers); rebuilt from the others. */
const DERIVED_TABLES = new Set(['list_totals'])

/** Columns never exported: the sync credential (encrypted by the system key store, useless elsewhere). */
const WITHHELD_COLUMNS: Readonly<Record<string, readonly string[]>> = Object.freeze({ sync_connection: Object.freeze(['secret']) })

/**
 * The tables a user's data is in: every table but SQLite's own, the migration
 * bookkeeping, derived tables, and full-text indexes with their shadow tables
 * (all rebuilt from the others).
 */
export function exportableTables(sqlite: BetterSqlite3.Database): string[] {
  const tables = sqlite.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as { name: string; sql: string }[]
  const virtual = tables.filter((t) => /^CREATE VIRTUAL/i.test(t.sql)).map((t) => t.name)
  return tables
    .map((t) => t.name)
    .filter((name) => !/^(sqlite_|kysely_)/.test(name) && !DERIVED_TABLES.has(name))
    .filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)))
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain')
}

async function close(out: WriteStream): Promise<void> {
  out.end()
  await once(out, 'finish')
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

const WITHOUT_ROWID = /\bWITHOUT\s+ROWID\b/i

/** Every row of a table in a stable order (rowid, or the key of a WITHOUT ROWID link table), minus withheld columns. */
function selectAll(sqlite: BetterSqlite3.Database, table: string): BetterSqlite3.Statement {
  const withheld = WITHHELD_COLUMNS[table] ?? []
  const info = sqlite.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string; pk: number }[]
  const columns = info.filter((c) => !withheld.includes(c.name)).map((c) => quoted(c.name))
  const sql = sqlite.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string
  const keys = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => quoted(c.name))
  const order = WITHOUT_ROWID.test(sql) ? keys.join(', ') : 'rowid'
  return sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${quoted(table)} ORDER BY ${order}`)
}

/** A CSV cell: text as the flavour writes it; numbers, blobs (hex) and NULL (an empty cell) as they are. */
function csvCell(value: unknown, flavour: CsvFlavour): unknown {
  if (typeof value === 'string') return cellText(value, flavour)
  if (Buffer.isBuffer(value)) return value.toString('hex')
  return value
}

/** Writes the rows, one at a time (constant memory), as a JSON array of objects or a CSV with a header. */
async function exportRows(statement: BetterSqlite3.Statement, file: string, format: ExportFormat, flavour: CsvFlavour): Promise<number> {
  const out = createWriteStream(file, { flags: 'wx' })
  let rows = 0
  try {
    if (format === 'csv') {
      const columns = statement.columns().map((c) => c.name)
      const options = stringifyOptions(flavour)
      await write(out, stringify([columns], options))
      for (const row of statement.raw(true).iterate() as Iterable<unknown[]>) {
        await write(out, stringify([row.map((v) => csvCell(v, flavour))], options))
        rows++
      }
    } else {
      await write(out, '[')
      for (const row of statement.iterate()) {
        await write(out, `${rows ? ',' : ''}\n${JSON.stringify(row)}`)
        rows++
      }
      await write(out, rows ? '\n]\n' : ']\n')
    }
  } finally {
    await close(out)
  }
  const handle = await open(file, 'r+') // on disk before the folder is renamed into place
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
  return rows
}

/**
 * Exports every table of the database file into a new folder `name` inside
 * `parentDir`: one <table>.json or <table>.csv each, and manifest.json listing
 * them. Reads through its own read-only connection in one read transaction,
 * so the files are one consistent moment even while the app keeps writing.
 * The folder gets its final name only when complete.
 */
export async function exportDatabase(
  dbPath: string,
  parentDir: string,
  name: string,
  format: ExportFormat,
  exportedAt: string,
  flavour: CsvFlavour = 'spreadsheet',
): Promise<{ folder: string; tables: { name: string; rows: number; file: string }[] }> {
  const folder = join(parentDir, name)
  const partial = `${folder}.partial`
  const sqlite = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true })
  try {
    await mkdir(partial)
  } catch (error) {
    sqlite.close()
    throw new AppError('io', `The export folder could not be created: ${(error as Error).message}`)
  }
  try {
    const tables: { name: string; rows: number; file: string }[] = []
    sqlite.exec('BEGIN')
    try {
      for (const table of exportableTables(sqlite)) {
        const file = `${table}.${format}`
        const rows = await exportRows(selectAll(sqlite, table), join(partial, file), format, flavour)
        tables.push({ name: table, rows, file })
      }
    } finally {
      sqlite.exec('COMMIT')
    }
    const schema = sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[]
    const csv = format === 'csv' ? { csvFlavour: flavour, ...(flavour === 'spreadsheet' ? { csvGuard: "a text cell starting with = + - @ tab or CR has a leading ' added" } : {}) } : {}
    const manifest = { app: 'Field CRM', exportedAt, schema, format, ...csv, encoding: 'utf-8', nullInCsv: 'empty field', tables }
    const out = createWriteStream(join(partial, 'manifest.json'), { flags: 'wx' })
    await write(out, JSON.stringify(manifest, null, 2) + '\n')
    await close(out)
    await rename(partial, folder)
    await syncDirectory(parentDir)
    return { folder, tables }
  } catch (error) {
    await rm(partial, { recursive: true, force: true })
    if (error instanceof AppError) throw error
    throw new AppError('io', `The export could not be written: ${(error as Error).message}`)
  } finally {
    sqlite.close()
  }
}
