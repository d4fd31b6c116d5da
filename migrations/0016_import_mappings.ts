import { sql, type Kysely } from 'kysely'

// The column mapping of the last import of each record type and set of column
// titles, proposed again when a file with the same titles is previewed
// (src/main/import/remembered-mapping.ts). Local only, never synced.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE import_mappings (
    kind TEXT NOT NULL CHECK (kind IN ('accounts', 'contacts', 'cases')),
    headers TEXT NOT NULL,
    mapping TEXT NOT NULL CHECK (json_valid(mapping)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, headers)
  ) STRICT, WITHOUT ROWID`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The import mappings cannot be rolled back; restore a backup instead')
}
