import { sql, type Kysely } from 'kysely'

// A "contains" filter on a common term is checked row by row along the list's
// sort order until a page is full (walkSortOrder in src/main/search/list-totals.ts). Along a plain sort
// index each check first reads the record's row, thousands of rows for a term
// that one record in a hundred holds. The default sort indexes now carry the
// keys such filters test, a case's status (for "my open cases") and the
// record's id (a tag or assignee check looks its link up by it), so SQLite
// tests a walked row inside the index and reads only the rows of the page.
// `seq` comes right after the sort column so that ties keep the lists' order.

const WIDENED = [
  ['accounts_by_active_name', 'accounts', ['is_active', 'name_key'], ['seq', 'city_key', 'id']],
  ['contacts_by_active_last', 'contacts', ['is_active', 'last_name'], ['seq', 'name_key', 'email_key', 'city_key', 'id']],
  ['cases_by_active_created', 'cases', ['is_active', 'created_at'], ['seq', 'status', 'name_key', 'id']],
] as const

const create = (name: string, table: string, columns: readonly string[]) =>
  sql`CREATE INDEX ${sql.id(name)} ON ${sql.table(table)}(${sql.join(columns.map((c) => sql.id(c)))})`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, sorted, carried] of WIDENED) {
    await sql`DROP INDEX ${sql.id(name)}`.execute(db)
    await create(name, table, [...sorted, ...carried]).execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, sorted] of WIDENED) {
    await sql`DROP INDEX ${sql.id(name)}`.execute(db)
    await create(name, table, sorted).execute(db)
  }
}
