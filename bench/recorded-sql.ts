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

/** Runs `call` while recording every statement Kysely prepares and runs on `sqlite`. */
export async function recordStatements<T>(sqlite: BetterSqlite3.Database, call: () => Promise<T>): Promise<{ result: T; statements: RecordedStatement[] }> {
  const statements: RecordedStatement[] = []
  const original = sqlite.prepare
  // Kysely's SQLite driver uses prepare(), then .reader with .all() or .run().
  sqlite.prepare = function (this: BetterSqlite3.Database, sql: string) {
    const stmt = original.call(this, sql)
    const record = (params: unknown[]) => statements.push({ sql, params, reader: stmt.reader })
    return new Proxy(stmt, {
      get(target, key) {
        if (key === 'all' || key === 'run' || key === 'get' || key === 'iterate') {
          return (...args: unknown[]) => {
            record((args[0] as unknown[]) ?? [])
            return (target[key] as (...a: unknown[]) => unknown).apply(target, args)
          }
        }
        const value = Reflect.get(target, key, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  } as typeof sqlite.prepare
  try {
    const result = await call()
    return { result, statements }
  } finally {
    sqlite.prepare = original
  }
}

/** Prepares the recorded statements once; the returned function runs them all, in order. */
export function replayer(sqlite: BetterSqlite3.Database, statements: RecordedStatement[]): () => unknown[] {
  const prepared = statements.map((s) => ({ stmt: sqlite.prepare(s.sql), params: s.params, reader: s.reader }))
  return () => prepared.map(({ stmt, params, reader }) => (reader ? stmt.all(params) : stmt.run(params)))
}
