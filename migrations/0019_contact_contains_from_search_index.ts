import { sql, type Kysely } from 'kysely'

// A contact's name and email were indexed twice as substring grams: in
// contacts_grams (0010), which the list's "name contains" and "email contains"
// filters read, and in contact_search (0017), the search box's index, whose
// name_key_* and email_key_* columns hold the same grams under the same
// names. The filters now read contact_search (src/main/contacts/queries.ts),
// and contacts_grams is dropped: every contact saved or imported wrote it,
// about a quarter of a CSV import's index work.

const statements = [
  'DROP TRIGGER contacts_grams_insert',
  'DROP TRIGGER contacts_grams_update',
  'DROP TRIGGER contacts_grams_delete',
  'DROP TABLE contacts_grams',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The dropped substring index cannot be rolled back; restore a backup instead')
}
