import { sql, type Kysely } from 'kysely'
import { splitStatements } from './0001_initial'

// Server records and files a pull did not take in (they break the local
// rules, or do not fit on the disk), kept so the sync panel still lists them
// after a restart. `scope` is what a pull must read to see such an item again:
// 'list:account' for a record of that list, 'account:<server id>' for a
// comment or file of that record (read with its details). A pull that read a
// scope replaces that scope's items with what it found, so an item goes once
// its record pulls cleanly.

const statements = `
CREATE TABLE sync_set_aside (
  entity TEXT NOT NULL,
  remote_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  title TEXT NOT NULL,
  reason TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (entity, remote_id)
) STRICT, WITHOUT ROWID;
`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(statements)) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The sync schema cannot be rolled back; restore a backup instead')
}
