import type { Clock } from '../db/clock'
import type { SyncKysely } from './schema'

const SYNCED_TABLES = [
  ['tag', 'tags'],
  ['account', 'accounts'],
  ['contact', 'contacts'],
  ['case', 'cases'],
  ['comment', 'comments'],
  ['attachment', 'attachments'],
] as const

function sameServer(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/\/+$/, '').toLowerCase()
  return norm(a) === norm(b)
}

/**
 * Connecting to another server (or organization) than the records were synced
 * with: their server ids mean nothing there. Forget them and queue every local
 * record as a create, so the new server receives all local data.
 */
export async function resetForNewServer(db: SyncKysely, clock: Clock, serverUrl: string, orgId: string | null): Promise<boolean> {
  const previous = await db.selectFrom('sync_connection').select(['server_url', 'org_id']).where('id', '=', 1).executeTakeFirst()
  if (!previous) return false
  const moved = !sameServer(previous.server_url, serverUrl) || (previous.org_id !== null && orgId !== null && previous.org_id !== orgId)
  if (!moved) return false
  await db.transaction().execute(async (trx) => {
    const now = clock.now()
    await trx.deleteFrom('outbox').execute()
    await trx.deleteFrom('sync_snapshots').execute()
    await trx.deleteFrom('sync_conflicts').execute()
    await trx.deleteFrom('sync_set_aside').execute()
    await trx.updateTable('sync_connection').set({ last_sync_at: null }).execute()
    // Changes made here wait for their echo from the new server (src/main/sync/case-activities.ts); the old server's own rows stay as history.
    await trx.updateTable('case_history').set({ remote_id: null }).where('origin', '=', 'local').execute()
    for (const [entity, table] of SYNCED_TABLES) {
      await trx.updateTable(table).set({ remote_id: null }).execute()
      const rows = await trx.selectFrom(table).select('id').orderBy('seq').execute()
      for (const row of rows) {
        await trx
          .insertInto('outbox')
          .values({ entity, record_id: row.id, op: 'create', fields: '[]', remote_id: null, parent_entity: null, parent_remote_id: null, created_at: now })
          .execute()
      }
    }
    // Emails are mail already sent: only those not sent yet go to the new server; the old server's listing is dropped.
    await trx.deleteFrom('account_emails').where('origin', '=', 'server').execute()
    await trx.updateTable('account_emails').set({ remote_id: null }).execute()
    const unsent = await trx.selectFrom('account_emails').select('id').where('state', '=', 'queued').orderBy('seq').execute()
    for (const row of unsent) {
      await trx
        .insertInto('outbox')
        .values({ entity: 'email', record_id: row.id, op: 'create', fields: '[]', remote_id: null, parent_entity: null, parent_remote_id: null, created_at: now })
        .execute()
    }
  })
  return true
}
