import { sql, type Kysely } from 'kysely'
import { splitStatements } from './0001_initial'

// Sync state. The outbox gains a delivery state: 'pending' changes are pushed,
// 'failed' ones were refused by the server (400) and wait for the user; a new
// local edit of the same record makes them pending again. `lookup_key` keeps
// what identifies a create on the server (its unique name or email) once a
// create has been attempted, so a create whose answer was lost can be found
// even after the local row is gone.

const statements = `
ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed'));
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
ALTER TABLE outbox ADD COLUMN lookup_key TEXT;

-- The one connected server. The credential is encrypted by the system's key
-- store (Electron safeStorage) before it gets here; never plain text.
CREATE TABLE sync_connection (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT NOT NULL,
  auth_kind TEXT NOT NULL CHECK (auth_kind IN ('pat', 'jwt')),
  secret BLOB NOT NULL,
  email TEXT,
  org_id TEXT,
  org_name TEXT,
  needs_login INTEGER NOT NULL DEFAULT 0 CHECK (needs_login IN (0, 1)),
  last_sync_at TEXT
) STRICT;

-- The server's values of each synced record as of the last sync (in local
-- terms), the base of the per-field three-way merge.
CREATE TABLE sync_snapshots (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (entity, record_id)
) STRICT, WITHOUT ROWID;

-- Fields changed on both sides since the last sync, waiting for the user.
CREATE TABLE sync_conflicts (
  id TEXT PRIMARY KEY,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  fields TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (entity, record_id)
) STRICT;
`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(statements)) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The sync schema cannot be rolled back; restore a backup instead')
}
