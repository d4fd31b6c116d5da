import { sql, type Kysely } from 'kysely'

// Indexes no query uses any more, which every insert and edit still paid for:
// - accounts_by_city, contacts_by_city: "city contains" reads city_key
//   (migrations/0004) and its trigram index, never `city COLLATE NOCASE`;
// - contacts_by_active_name: the contacts list sorts by contacts_by_active_last
//   (migrations/0008);
// - contacts_by_account: a prefix of contacts_by_account_active, which serves
//   the same lookups (an account's contacts, the cascade of its delete).
// Checked against the query plan of every statement the benchmark's handlers send (bench/plans.ts).

const DROPPED = [
  ['accounts_by_city', 'CREATE INDEX accounts_by_city ON accounts(city COLLATE NOCASE)'],
  ['contacts_by_city', 'CREATE INDEX contacts_by_city ON contacts(city COLLATE NOCASE)'],
  ['contacts_by_active_name', 'CREATE INDEX contacts_by_active_name ON contacts(is_active, last_name COLLATE NOCASE, first_name COLLATE NOCASE)'],
  ['contacts_by_account', 'CREATE INDEX contacts_by_account ON contacts(account_id)'],
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name] of DROPPED) await sql`DROP INDEX ${sql.id(name)}`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [, create] of DROPPED) await sql.raw(create).execute(db)
}
