import type { Generated, Kysely, Transaction } from 'kysely'
import type { Database, OutboxTable } from '../db/schema'
import type { Db } from '../db/connection'

// Kysely's view of the tables migrations/0002_sync.ts and 0011_sync_set_aside.ts add. Kept here (not in
// db/schema.ts) because only the sync module reads them.

export interface SyncOutboxTable extends OutboxTable {
  state: Generated<'pending' | 'failed'>
  attempts: Generated<number>
  last_error: string | null
  next_attempt_at: string | null
  lookup_key: string | null
}

export interface SyncConnectionTable {
  id: number
  server_url: string
  auth_kind: 'pat' | 'jwt'
  secret: Buffer
  email: string | null
  org_id: string | null
  org_name: string | null
  needs_login: number
  last_sync_at: string | null
}

export interface SyncSnapshotsTable {
  entity: string
  record_id: string
  data: string
}

export interface SyncConflictsTable {
  id: string
  entity: string
  record_id: string
  fields: string
  created_at: string
}

export interface SyncSetAsideTable {
  entity: string
  remote_id: string
  scope: string
  title: string
  reason: string
  seen_at: string
}

export interface SyncDatabase extends Omit<Database, 'outbox'> {
  outbox: SyncOutboxTable
  sync_connection: SyncConnectionTable
  sync_snapshots: SyncSnapshotsTable
  sync_conflicts: SyncConflictsTable
  sync_set_aside: SyncSetAsideTable
}

export type SyncKysely = Kysely<SyncDatabase>
export type SyncTrx = Transaction<SyncDatabase>
export type SyncQ = SyncKysely | SyncTrx

/** The same connection, typed with the sync tables. */
export function syncDb(db: Db): SyncKysely {
  return db.kysely as unknown as SyncKysely
}
