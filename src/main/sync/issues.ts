import type { SyncConflict, SyncIssues, SyncItem, SyncSetAside } from '../../shared/domain/sync'
import { AppError, notFound } from '../../shared/ipc/errors'
import type { Clock } from '../db/clock'
import { isUniqueViolation } from '../records/sqlite-errors'
import type { SyncEntity, Values } from './fields'
import { applyToLocal, readLocal, readSnapshot, titleOf, TABLE, writeSnapshot } from './local'
import type { FieldConflict } from './merge'
import { loadJobs } from './outbox-jobs'
import type { SyncKysely, SyncQ } from './schema'

// What the sync panel lists, and the user's answers to it.

export async function countIssues(db: SyncQ): Promise<{ pending: number; failed: number; conflicts: number }> {
  const jobs = await loadJobs(db)
  const { n } = await db.selectFrom('sync_conflicts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return { pending: jobs.filter((j) => !j.failed).length, failed: jobs.filter((j) => j.failed).length, conflicts: Number(n) }
}

async function titleFor(db: SyncQ, entity: SyncEntity, id: string): Promise<string> {
  const row = await db.selectFrom(TABLE[entity] as 'accounts').selectAll().where('id', '=', id).executeTakeFirst()
  return titleOf(entity, row as Record<string, unknown> | undefined) || (row ? '' : '(deleted)')
}

/** References shown by name, not id, so the user can tell the two sides apart. */
async function readable(db: SyncQ, field: string, value: unknown): Promise<unknown> {
  const kind = field === 'tag_ids' ? 'tag' : field === 'contact_ids' ? 'contact' : field === 'account_id' ? 'account' : null
  if (!kind || value === null) return value
  const ids = Array.isArray(value) ? (value as string[]) : [value as string]
  const names = await Promise.all(ids.map((id) => titleFor(db, kind, id)))
  return Array.isArray(value) ? names : names[0]
}

/** The panel lists at most this many set-aside items (a hostile server could have every record refused). */
export const MAX_SET_ASIDE_SHOWN = 500

/** Server records and files pulls set aside and have not seen fit since (kept across restarts). */
export async function listSetAside(db: SyncQ): Promise<SyncSetAside[]> {
  const rows = await db
    .selectFrom('sync_set_aside')
    .select(['entity', 'remote_id', 'title', 'reason'])
    .orderBy('entity')
    .orderBy('title')
    .limit(MAX_SET_ASIDE_SHOWN)
    .execute()
  return rows.map((r) => ({ entity: r.entity, remoteId: r.remote_id, title: r.title, reason: r.reason }))
}

export async function listIssues(db: SyncQ): Promise<SyncIssues> {
  const jobs = await loadJobs(db)
  const pending: SyncItem[] = []
  const failed: SyncItem[] = []
  for (const job of jobs) {
    const item: SyncItem = {
      seq: job.seqs[0]!,
      entity: job.entity,
      recordId: job.recordId,
      op: job.hasDelete ? 'delete' : job.hasCreate ? 'create' : 'update',
      title: await titleFor(db, job.entity, job.recordId),
      error: job.lastError,
      attempts: job.attempts,
    }
    ;(job.failed ? failed : pending).push(item)
  }
  const rows = await db.selectFrom('sync_conflicts').selectAll().orderBy('created_at').execute()
  const conflicts: SyncConflict[] = []
  for (const row of rows) {
    const entity = row.entity as SyncEntity
    conflicts.push({
      id: row.id,
      entity,
      recordId: row.record_id,
      title: await titleFor(db, entity, row.record_id),
      fields: await Promise.all(
        (JSON.parse(row.fields) as FieldConflict[]).map(async ({ field, local, server }) => ({
          field,
          local: await readable(db, field, local),
          server: await readable(db, field, server),
        })),
      ),
    })
  }
  return { pending, failed, conflicts, setAside: await listSetAside(db) }
}

/** Makes refused changes pending again: one record's (by any of its outbox seqs) or all. */
export async function retryFailed(db: SyncKysely, seq?: number): Promise<void> {
  let q = db.updateTable('outbox').set({ state: 'pending', next_attempt_at: null })
  if (seq !== undefined) {
    const row = await db.selectFrom('outbox').select(['entity', 'record_id']).where('seq', '=', seq).executeTakeFirst()
    if (!row) throw notFound('That change')
    q = q.where('entity', '=', row.entity).where('record_id', '=', row.record_id)
  }
  await q.execute()
}

/**
 * Settles a conflict. 'server': the server's values replace the local ones.
 * 'local': the local values stay and are pushed (the server's become the
 * base, so the next pull does not raise the same conflict again).
 */
export async function resolveConflict(db: SyncKysely, clock: Clock, id: string, keep: 'local' | 'server'): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('sync_conflicts').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw notFound('That conflict')
      const entity = row.entity as SyncEntity
      const fields = JSON.parse(row.fields) as FieldConflict[]
      const server: Values = Object.fromEntries(fields.map((f) => [f.field, f.server]))
      await trx.deleteFrom('sync_conflicts').where('id', '=', id).execute()
      const rec = await readLocal(trx, entity, row.record_id)
      if (!rec) return
      const now = clock.now()
      if (keep === 'server') await applyToLocal(trx, entity, rec, server, now)
      else {
        await trx
          .insertInto('outbox')
          .values({
            entity: entity as 'account', record_id: row.record_id, op: 'update', fields: JSON.stringify(Object.keys(server)),
            remote_id: null, parent_entity: null, parent_remote_id: null, created_at: now,
          })
          .execute()
      }
      const base = (await readSnapshot(trx, entity, row.record_id)) ?? {}
      await writeSnapshot(trx, entity, row.record_id, { ...base, ...server }, true)
    })
  } catch (error) {
    if (isUniqueViolation(error, 'accounts', 'name_key') || isUniqueViolation(error, 'cases', 'name_key') || isUniqueViolation(error, 'contacts', 'email_key')) {
      throw new AppError('conflict', "The server's value is already used by another local record; rename that one first")
    }
    throw error
  }
}
