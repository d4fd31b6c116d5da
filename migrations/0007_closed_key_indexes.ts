import { sql, type Kysely } from 'kysely'

// A "contains" filter used alone is counted from its trigram index, which
// holds active and closed records alike; the closed ones that match are then
// counted and taken off (src/main/search/substring.ts soleSubstringTotal).
// These indexes hold each key next to the state, so that count reads index
// entries of the few closed records and no row.

const INDEXES = [
  ['accounts_by_active_city_key', 'accounts', 'city_key'],
  ['contacts_by_active_name_key', 'contacts', 'name_key'],
  ['contacts_by_active_email_key', 'contacts', 'email_key'],
  ['contacts_by_active_city_key', 'contacts', 'city_key'],
  ['cases_by_active_name_key', 'cases', 'name_key'],
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, column] of INDEXES) await sql`CREATE INDEX ${sql.id(name)} ON ${sql.table(table)}(is_active, ${sql.id(column)})`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await sql`DROP INDEX ${sql.id(name)}`.execute(db)
}
