import type BetterSqlite3 from 'better-sqlite3'
import { Migrator } from 'kysely'
import { migrations } from '../../../migrations/index'
import { openDatabase } from '../db/connection'

// A backup is data, never code. Triggers and views run on the app's own
// writes (a crafted trigger wiped accounts on the next save, another copied the
// sync credential elsewhere), so a backup's schema must be exactly the one this
// app's migrations make: every object, with the same SQL. Anything else is
// refused, and the refusal names it.

interface SchemaObject {
  type: string
  name: string
  tbl_name: string
  sql: string | null
}

/** SQLite makes these itself (ANALYZE, AUTOINCREMENT); they hold statistics and counters, not code. */
const ENGINE_TABLES = /^sqlite_(stat[1-4]|sequence)$/

function schemaOf(sqlite: BetterSqlite3.Database): Map<string, SchemaObject> {
  const rows = sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema').all() as SchemaObject[]
  return new Map(rows.filter((r) => !(r.type === 'table' && ENGINE_TABLES.test(r.name))).map((r) => [`${r.type} ${r.name}`, r]))
}

const referenceCache = new Map<string, Map<string, SchemaObject>>()

/** The schema the app's migrations make, up to and including `applied` (names in order). */
async function referenceSchema(applied: readonly string[]): Promise<Map<string, SchemaObject>> {
  const key = applied.join('\n')
  const cached = referenceCache.get(key)
  if (cached) return cached
  const db = openDatabase(':memory:')
  try {
    const subset = Object.fromEntries(applied.map((name) => [name, migrations[name]!]))
    const result = await new Migrator({ db: db.kysely, provider: { getMigrations: async () => subset } }).migrateToLatest()
    if (result.error) throw result.error
    const schema = schemaOf(db.sqlite)
    referenceCache.set(key, schema)
    return schema
  } finally {
    await db.close()
  }
}

const describe = (o: SchemaObject) => (o.type === 'table' || o.type === 'view' ? `${o.type} ${o.name}` : `${o.type} ${o.name} (on ${o.tbl_name})`)

/**
 * What in `sqlite`'s schema differs from the schema the app makes at the
 * migrations `applied`: objects it has that the app does not make, objects
 * made differently, and objects it lacks. Empty when they match exactly.
 */
export async function schemaDifferences(sqlite: BetterSqlite3.Database, applied: readonly string[]): Promise<{ foreign: string[]; changed: string[]; missing: string[] }> {
  const expected = await referenceSchema(applied)
  const actual = schemaOf(sqlite)
  const foreign: string[] = []
  const changed: string[] = []
  for (const [key, object] of actual) {
    const want = expected.get(key)
    if (!want) foreign.push(describe(object))
    else if (want.sql !== object.sql || want.tbl_name !== object.tbl_name) changed.push(describe(object))
  }
  const missing = [...expected].filter(([key]) => !actual.has(key)).map(([, o]) => describe(o))
  return { foreign, changed, missing }
}

/** At most `max` names, then how many more: a crafted file may hold thousands. */
export function listSome(names: readonly string[], max = 10): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`
}
