import { sql, type Kysely } from 'kysely'

// Home reads what changed lately (contacts and cases newest updated first, all
// states) and each priority's most recently updated open cases. Without these
// SQLite sorted every contact (300,000) or every open case of a priority
// (about 60,000) to return 4 to 6 rows: 0.2 to 0.9 s each on the benchmark's
// database. Accounts already had accounts_by_updated. The open-cases index
// carries the status, so the walk along it tests "open" without reading rows;
// `seq` follows the sort column so that ties keep the list's order (as in 0008).

const ADDED = [
  ['contacts_by_updated', 'CREATE INDEX contacts_by_updated ON contacts(updated_at)'],
  ['cases_by_updated', 'CREATE INDEX cases_by_updated ON cases(updated_at)'],
  ['cases_by_active_priority_updated', 'CREATE INDEX cases_by_active_priority_updated ON cases(is_active, priority, updated_at, seq, status)'],
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [, create] of ADDED) await sql.raw(create).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of ADDED) await sql`DROP INDEX ${sql.id(name)}`.execute(db)
}
