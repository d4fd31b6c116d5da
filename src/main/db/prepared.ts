import type BetterSqlite3 from 'better-sqlite3'
import { CompiledQuery, DummyDriver, Kysely, sql, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable, type RawBuilder } from 'kysely'
import { HeldConnection, type Reads } from './held-connection'
import type { Database } from './schema'

// Building a query with Kysely and compiling it to SQL costs more than
// running it when the query is a sub-millisecond index lookup (a detail
// view runs eight). A prepared query is built and compiled once, with a
// named slot for each value; a call only binds the values and runs the SQL
// (through the connection, so transactions and the statement cache apply).

/** Kysely without a database, only to build and compile. */
const builder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
})

/**
 * Prepared queries of one builder, one per shape: what changes the SQL text
 * of a list (which filters it has, its sort), not the values it binds. Each
 * shape is compiled the first time it is seen; at most `capacity` are kept.
 */
export function prepareByShape<S, P extends object, R>(
  build: (db: Kysely<Database>, shape: S, values: P) => Compilable<R> | RawBuilder<R>,
  capacity = 256,
): (shape: S) => PreparedQuery<P, R> {
  const byShape = new Map<string, PreparedQuery<P, R>>()
  return (shape) => {
    // Shapes are small plain objects: build them without spreads (V8 then leaves them slow to read and to stringify).
    const key = JSON.stringify(shape)
    let query = byShape.get(key)
    if (!query) {
      query = prepare((db, values: P) => build(db, shape, values))
      if (byShape.size >= capacity) byShape.delete(byShape.keys().next().value!)
      byShape.set(key, query)
    }
    return query
  }
}

/**
 * A LIMIT whose value is bound at each call. Measured with SQLite 3.53: a
 * statement with a bare bound `LIMIT ?` took about 10 µs more per call than
 * the same one with a literal limit or with `(? + 0)`, more than a small page
 * takes to read (SQLite plans with the value of a bare bound LIMIT, and seems
 * to prepare the statement again each time that value is bound anew, which
 * a prepared query does at every call). Written as an expression, it is not.
 */
export function boundLimit(value: number): RawBuilder<number> {
  return sql<number>`(${value} + 0)`
}

/** The shape of a list's page: its filters' shape and its order. */
export interface PageShape<S, F extends { sort: unknown; direction: unknown }> {
  filter: S
  sort: F['sort']
  direction: F['direction']
}

/**
 * `(the values of a JSON array)`, for `column IN ...`: one SQL text for any
 * number of ids, so a query over a page's ids is prepared once. Bind the
 * list with `JSON.stringify`.
 */
export function inJsonList<T = string>(list: string): RawBuilder<T> {
  return sql<T>`(SELECT value FROM json_each(${list}))`
}

/** One prepared query per record type, for queries whose tables differ by type. */
export function perType<T>(make: (type: 'account' | 'contact' | 'case') => T): Readonly<Record<'account' | 'contact' | 'case', T>> {
  return Object.freeze({ account: make('account'), contact: make('contact'), case: make('case') })
}

/** Stands in for a value while the query is built; replaced by the call's value. */
class Slot {
  constructor(readonly name: string) {}
}

export interface PreparedQuery<P, R> {
  /** All rows for these values. */
  all(db: Reads, values: P): Promise<R[]>
  /** The first row, or undefined. */
  first(db: Reads, values: P): Promise<R | undefined>
  /** The SQL it runs (for tests and EXPLAIN). */
  readonly sql: string
}

/**
 * `build` gets the builder and one slot per value name (typed as the value);
 * slots may stand wherever Kysely takes a value. Lists of varying length
 * cannot be slots: pass them as JSON and read them with json_each.
 */
export function prepare<P extends object, R>(build: (db: Kysely<Database>, values: P) => Compilable<R> | RawBuilder<R>): PreparedQuery<P, R> {
  let compiled: { sql: string; parameters: readonly unknown[] } | null = null
  const compile = () => {
    const slots = new Proxy({} as P, { get: (_target, name) => new Slot(String(name)) })
    const built = build(builder, slots)
    const query = 'isRawBuilder' in built ? built.compile(builder) : built.compile()
    return { sql: query.sql, parameters: query.parameters }
  }
  // The statement of the last connection that ran it, kept here: looking it up
  // in the connection's cache at every call cost about 1 µs, a tenth of a small page.
  let statementOf: HeldConnection['statement'] | undefined
  let statement: BetterSqlite3.Statement | undefined
  const run = async (db: Reads, values: P): Promise<R[]> => {
    compiled ??= compile()
    // A constant written into the query (a limit, say) stays as it was.
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? (values as Record<string, unknown>)[p.name] : p))
    if (db instanceof HeldConnection) {
      if (db.statement !== statementOf) {
        statement = db.statement(compiled.sql)
        statementOf = db.statement
      }
      return statement!.all(parameters) as R[]
    }
    const { rows } = await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters))
    return rows
  }
  return Object.freeze({
    all: run,
    first: async (db: Reads, values: P) => (await run(db, values))[0],
    get sql() {
      compiled ??= compile()
      return compiled.sql
    },
  })
}
