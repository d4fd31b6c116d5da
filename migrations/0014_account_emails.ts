import { sql, type Kysely } from 'kysely'
import { splitStatements } from './0001_initial'

// Email sent from an account (Django-CRM's POST /api/accounts/<id>/create_mail/,
// docs/django-crm-email-mentions-notes.md). One row per email: written here
// (origin 'local', queued in the outbox in the same transaction) or pulled from
// the account's detail (origin 'server'; the server gives its emails no id, so
// `server_key` identifies them: the marker our own emails carry in their body,
// or a hash of their fields). Recipients are local contact ids (the server
// takes contact ids only). The outbox's entity check gains 'email': SQLite
// cannot change a CHECK, so the outbox is rebuilt with its rows, columns,
// index and AUTOINCREMENT counter.

const statements = `
CREATE TABLE account_emails (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  remote_id TEXT UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  origin TEXT NOT NULL CHECK (origin IN ('local', 'server')),
  server_key TEXT UNIQUE,
  from_email TEXT NOT NULL,
  recipient_ids TEXT NOT NULL DEFAULT '[]',
  subject TEXT NOT NULL,
  body_markup TEXT,
  body_html TEXT NOT NULL,
  body_text TEXT NOT NULL,
  scheduled_at TEXT,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'scheduled', 'recorded')),
  delivered INTEGER NOT NULL DEFAULT 0 CHECK (delivered IN (0, 1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX account_emails_by_account ON account_emails(account_id, created_at);

CREATE TABLE outbox_rebuilt (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL CHECK (entity IN ('account', 'contact', 'case', 'comment', 'attachment', 'tag', 'email')),
  record_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  fields TEXT NOT NULL DEFAULT '[]',
  remote_id TEXT,
  parent_entity TEXT,
  parent_remote_id TEXT,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT,
  lookup_key TEXT
) STRICT;
INSERT INTO outbox_rebuilt (seq, entity, record_id, op, fields, remote_id, parent_entity, parent_remote_id, created_at, state, attempts, last_error, next_attempt_at, lookup_key)
  SELECT seq, entity, record_id, op, fields, remote_id, parent_entity, parent_remote_id, created_at, state, attempts, last_error, next_attempt_at, lookup_key FROM outbox;
DELETE FROM sqlite_sequence WHERE name = 'outbox_rebuilt';
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_rebuilt', seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;
CREATE INDEX outbox_by_record ON outbox(entity, record_id, seq);
`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(statements)) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Account emails cannot be rolled back; restore a backup instead')
}
