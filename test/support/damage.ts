import { readFile } from 'node:fs/promises'
import BetterSqlite3 from 'better-sqlite3'

/** A copy of a database file with garbage over the pages after the first: SQLite's checks must catch it. */
export async function corruptCopy(file: string): Promise<Buffer> {
  const bytes = Buffer.from(await readFile(file))
  for (let i = 4096 + 16; i < bytes.length; i += 97) bytes[i] = (bytes[i]! + 101) & 0xff
  return bytes
}

/**
 * Damage only SQLite's full integrity check sees: an index whose stored
 * entries no longer match its definition. The file opens and queries run.
 */
export function breakAnIndex(file: string): void {
  const db = new BetterSqlite3(file)
  try {
    db.unsafeMode(true)
    db.pragma('writable_schema = ON')
    db.prepare(`UPDATE sqlite_schema SET sql = 'CREATE INDEX accounts_by_created ON accounts(name_key)' WHERE name = 'accounts_by_created'`).run()
  } finally {
    db.close()
  }
}
