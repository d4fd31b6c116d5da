import type { Transaction } from 'kysely'
import { prepare } from '../db/prepared'
import type { Database, OutboxTable } from '../db/schema'

export type OutboxEntity = OutboxTable['entity']

export interface LocalChange {
  entity: OutboxEntity
  recordId: string
  op: 'create' | 'update' | 'delete'
  /** For an update: the fields that changed, so a push sends only those. */
  fields?: readonly string[]
  /** For a delete: the server id, since the row itself is gone. */
  remoteId?: string | null
}

/**
 * Records a pending change for sync. Must be called with the transaction that
 * makes the change, so the two commit (or vanish) together.
 */
export async function recordChange(trx: Transaction<Database>, change: LocalChange, now: string): Promise<void> {
  await INSERT_CHANGE.all(trx, {
    entity: change.entity,
    record_id: change.recordId,
    op: change.op,
    fields: JSON.stringify(change.fields ?? []),
    remote_id: change.remoteId ?? null,
    created_at: now,
  })
}

// Prepared: built and compiled once instead of at every save (see db/prepared.ts).
const INSERT_CHANGE = prepare((db, v: { entity: OutboxEntity; record_id: string; op: LocalChange['op']; fields: string; remote_id: string | null; created_at: string }) =>
  db.insertInto('outbox').values({
    entity: v.entity,
    record_id: v.record_id,
    op: v.op,
    fields: v.fields,
    remote_id: v.remote_id,
    parent_entity: null,
    parent_remote_id: null,
    created_at: v.created_at,
  }),
)
