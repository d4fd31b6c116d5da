import { sql, type Kysely } from 'kysely'

// A CSV import writes thousands of records in one transaction. Kept row by row,
// the full-text and substring indexes (search_index, *_grams) cost more than
// the records themselves; filled in one INSERT ... SELECT per index before the
// import commits, about half as much (src/main/search/deferred-upkeep.ts).
//
// While `index_upkeep_deferred` names a table, that table's index triggers
// skip the rows added after `after_seq`: inserts, updates and deletes alike, so
// a deferred row is indexed exactly once, from its final values, by the bulk
// fill. The row naming the table is written and removed inside the import's
// transaction: a crash rolls it back with the records; no committed state ever
// has it. The triggers keep their bodies; each gains the WHEN clause.

const TRIGGERS = {
  accounts: ['accounts_fts', 'accounts_grams', 'accounts_city_grams'],
  // contact_search (0017) replaced contacts_work_grams.
  contacts: ['contacts_fts', 'contacts_grams', 'contacts_city_grams', 'contact_search'],
  cases: ['cases_fts', 'cases_grams'],
} as const

/** A trigger this migration can rewrite: its name, event, table, and WHEN condition if it has one (the deferral is added to it). */
const HEAD = /^CREATE TRIGGER\s+(\w+)\s+AFTER\s+(INSERT|UPDATE OF [\w,\s]+?|DELETE)\s+ON\s+(\w+)\s+(?:WHEN\s+([\s\S]+?)\s+)?BEGIN\b/i

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE index_upkeep_deferred (
    table_name TEXT PRIMARY KEY CHECK (table_name IN ('accounts', 'contacts', 'cases')),
    after_seq INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID`.execute(db)
  for (const [table, prefixes] of Object.entries(TRIGGERS)) {
    for (const prefix of prefixes) {
      for (const op of ['insert', 'update', 'delete']) {
        const name = `${prefix}_${op}`
        const { rows } = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ${name}`.execute(db)
        const old = rows[0]?.sql
        const head = old ? HEAD.exec(old) : null
        if (!old || !head || head[1] !== name || head[3] !== table) throw new Error(`Trigger ${name} is not the one this migration rewrites`)
        const row = op === 'insert' ? 'new' : 'old'
        const deferred = `NOT EXISTS (SELECT 1 FROM index_upkeep_deferred WHERE table_name = '${table}' AND ${row}.seq > after_seq)`
        const when = head[4] ? `WHEN (${head[4]}) AND ${deferred}` : `WHEN ${deferred}`
        await sql.raw(`DROP TRIGGER ${name}`).execute(db)
        await sql.raw(`CREATE TRIGGER ${name} AFTER ${head[2]} ON ${table} ${when} BEGIN${old.slice(head[0].length)}`).execute(db)
      }
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('The deferred index upkeep cannot be rolled back; restore a backup instead')
}
