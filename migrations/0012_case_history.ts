import { sql, type Kysely } from 'kysely'
import { splitStatements } from './0001_initial'

// case_history: who changed a case's status and when. Local rows are written
// in the transaction of the change itself (origin 'local', actor_id the local
// user); rows pulled from the server's case `activities` have origin 'server',
// the server's id in remote_id and the author's email, if it gave one. A local
// row whose server echo was recognised gets that echo's id in remote_id, so
// the echo is never shown twice (docs/case-history.md).
//
// recent_views: the records the user opened, newest first, kept to a few
// (the handler trims it); rows of deleted records are skipped when read and
// dropped at the next trim.

const statements = `
CREATE TABLE case_history (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'reopened')),
  before TEXT CHECK (before IN ('New', 'Assigned', 'Pending', 'Closed', 'Rejected', 'Duplicate')),
  after TEXT CHECK (after IN ('New', 'Assigned', 'Pending', 'Closed', 'Rejected', 'Duplicate')),
  origin TEXT NOT NULL CHECK (origin IN ('local', 'server')),
  actor_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  actor_email TEXT,
  at TEXT NOT NULL,
  remote_id TEXT UNIQUE
) STRICT;
CREATE INDEX case_history_by_case ON case_history(case_id, at);

CREATE TABLE recent_views (
  entity TEXT NOT NULL CHECK (entity IN ('account', 'contact', 'case')),
  record_id TEXT NOT NULL,
  viewed_at TEXT NOT NULL,
  PRIMARY KEY (entity, record_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX recent_views_by_time ON recent_views(viewed_at);
`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(statements)) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE recent_views`.execute(db)
  await sql`DROP TABLE case_history`.execute(db)
}
