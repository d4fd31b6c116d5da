import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

/**
 * Kysely's SQLite driver prepares every statement again on every call; for
 * the sub-millisecond queries of a list or a detail view that is most of the
 * cost. This wraps the connection so each distinct SQL text is prepared once
 * and reused (SQLite re-prepares by itself after a schema change). Bounded,
 * least recently used first out, because filters produce many SQL variants.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, capacity = 512): SqliteDatabase & { readonly cachedStatements: number } {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    get cachedStatements() {
      return cache.size
    },
    prepare(sql: string) {
      let statement = cache.get(sql)
      if (statement) {
        cache.delete(sql) // re-inserted below: the Map's order is the recency order
      } else {
        statement = sqlite.prepare(sql)
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!)
      }
      cache.set(sql, statement)
      return statement
    },
    close() {
      cache.clear()
      sqlite.close()
    },
  }
}
