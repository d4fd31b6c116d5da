import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { stringify } from 'csv-stringify/sync'
import type { ExportFormat } from '../../shared/domain/backup'
import { AppError } from '../../shared/ipc/errors'

/**
 * The tables a user's data is in: every table but SQLite's own, the migration
 * bookkeeping and the full-text index (derived from the others).
 */
export function exportableTables(sqlite: BetterSqlite3.Database): string[] {
  return (
    sqlite
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
      .pluck()
      .all() as string[]
  ).filter((name) => !/^(sqlite_|kysely_)/.test(name) && !name.startsWith('search_index'))
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

/** Every row of a table in a stable order: by rowid, or by every column for a WITHOUT ROWID (link) table. */
function selectAll(sqlite: BetterSqlite3.Database, table: string): BetterSqlite3.Statement {
  const sql = sqlite.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string
  if (!WITHOUT_ROWID.test(sql)) return sqlite.prepare(`SELECT * FROM ${quoted(table)} ORDER BY rowid`)
  const columns = sqlite.prepare(`SELECT * FROM ${quoted(table)} LIMIT 0`).columns().map((c) => quoted(c.name))
  return sqlite.prepare(`SELECT * FROM ${quoted(table)} ORDER BY ${columns.join(', ')}`)
}

/** Writes the rows, one at a time (constant memory), as a JSON array of objects or a CSV with a header. */
async function exportRows(statement: BetterSqlite3.Statement, file: string, format: ExportFormat): Promise<number> {
  const out = createWriteStream(file, { flags: 'wx' })
  let rows = 0
  try {
    if (format === 'csv') {
      const columns = statement.columns().map((c) => c.name)
      await write(out, stringify([columns]))
      for (const row of statement.raw(true).iterate() as Iterable<unknown[]>) {
        await write(out, stringify([row]))
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
        const rows = await exportRows(selectAll(sqlite, table), join(partial, file), format)
        tables.push({ name: table, rows, file })
      }
    } finally {
      sqlite.exec('COMMIT')
    }
    const manifest = { app: 'Field CRM', exportedAt, format, encoding: 'utf-8', nullInCsv: 'empty field', tables }
    const out = createWriteStream(join(partial, 'manifest.json'), { flags: 'wx' })
    await write(out, JSON.stringify(manifest, null, 2) + '\n')
    await close(out)
    await rename(partial, folder)
    return { folder, tables }
  } catch (error) {
    await rm(partial, { recursive: true, force: true })
    if (error instanceof AppError) throw error
    throw new AppError('io', `The export could not be written: ${(error as Error).message}`)
  } finally {
    sqlite.close()
  }
}
