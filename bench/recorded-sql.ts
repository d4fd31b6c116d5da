import type BetterSqlite3 from 'better-sqlite3'

// The raw reference for a read handler is exactly the SQL that handler sends
// to SQLite, captured from one real call, prepared once, and replayed with
// the same parameters: what is left between the two timings is the cost of
// the IPC path (validation, query building, mapping), which is what the
// 1.3x target bounds.

export interface RecordedStatement {
  sql: string
  params: unknown[]
  reader: boolean
}

/**
 * Runs `call` while recording every statement run on `sqlite`. Recorded at the
 * statement (not at prepare()), because the app's connection prepares each SQL
 * text once and reuses it (db/statement-cache.ts).
 */
export async function recordStatements<T>(sqlite: BetterSqlite3.Database, call: () => Promise<T>): Promise<{ result: T; statements: RecordedStatement[] }> {
  const statements: RecordedStatement[] = []
  const proto = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>
  const originals = new Map<string, (...args: unknown[]) => unknown>()
  for (const key of ['all', 'run', 'get', 'iterate']) {
    const original = proto[key]!
    originals.set(key, original)
    proto[key] = function (this: BetterSqlite3.Statement, ...args: unknown[]) {
      if (this.database === sqlite) statements.push({ sql: this.source, params: (args[0] as unknown[]) ?? [], reader: this.reader })
      return original.apply(this, args)
    }
  }
  try {
    const result = await call()
    return { result, statements }
  } finally {
    for (const [key, original] of originals) proto[key] = original
  }
}

/** Prepares the recorded statements once; the returned function runs them all, in order. */
export function replayer(sqlite: BetterSqlite3.Database, statements: RecordedStatement[]): () => unknown[] {
  const prepared = statements.map((s) => ({ stmt: sqlite.prepare(s.sql), params: s.params, reader: s.reader }))
  return () => prepared.map(({ stmt, params, reader }) => (reader ? stmt.all(params) : stmt.run(params)))
}
