import type { TempApp } from '../../support/temp-app'

// Read-only views of a test app's database, for asserting what a call wrote
// (or, for a refused call, that it wrote nothing).

const COUNTED = [
  'users', 'teams', 'tags', 'accounts', 'contacts', 'cases', 'comments', 'attachments', 'outbox',
  'case_contacts', 'account_tags', 'contact_tags', 'case_tags',
  'account_assignees', 'contact_assignees', 'case_assignees',
  'account_teams', 'contact_teams', 'case_teams',
  'case_history', 'recent_views',
] as const

/** Row count of every table, so a test can check that a refused call changed none of them. */
export function rowCounts(app: TempApp): Record<string, number> {
  const out: Record<string, number> = {}
  for (const table of COUNTED) {
    out[table] = (app.data.services.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  }
  return out
}

export interface OutboxRow {
  entity: string
  record_id: string
  op: string
  fields: string[]
  remote_id: string | null
}

/** The outbox, oldest first, with `fields` parsed. */
export function outboxRows(app: TempApp): OutboxRow[] {
  const rows = app.data.services.db.sqlite
    .prepare('SELECT entity, record_id, op, fields, remote_id FROM outbox ORDER BY seq')
    .all() as (Omit<OutboxRow, 'fields'> & { fields: string })[]
  return rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as string[] }))
}

/** Adds users and teams directly: the app has no handler for them (they come from the server by sync). */
export function insertUser(app: TempApp, id: string, name: string, email = `${name.toLowerCase()}@example.com`): string {
  const now = new Date().toISOString()
  app.data.services.db.sqlite
    .prepare('INSERT INTO users (id, name, email, role, is_me, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 1, ?, ?)')
    .run(id, name, email, 'USER', now, now)
  return id
}

export function insertTeam(app: TempApp, id: string, name: string): string {
  const now = new Date().toISOString()
  app.data.services.db.sqlite
    .prepare('INSERT INTO teams (id, name, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(id, name, name.toLowerCase(), now, now)
  return id
}
