import { inJsonList } from '../db/prepared'
import type { SyncEntity } from './fields'
import { prepareSync } from './prepared'
import type { SyncQ } from './schema'

/**
 * Every outbox row of one record, folded into one net change:
 * create + updates = one create of the current state; create + ... + delete =
 * nothing to send (unless a create was already attempted and may exist);
 * updates = one update of the union of their fields; ... + delete = a delete.
 */
export interface Job {
  entity: SyncEntity
  recordId: string
  seqs: number[]
  hasCreate: boolean
  hasDelete: boolean
  fields: string[]
  /** The server id a delete row carried (the row itself is gone). */
  remoteId: string | null
  /** Written before a create is sent (create-marks.ts), so a create whose outcome is unknown is looked up before anything else. */
  lookupKey: string | null
  attempts: number
  /** Every row was refused by the server: waits for the user (a newer edit makes it pending again). */
  failed: boolean
  lastError: string | null
  nextAttemptAt: string | null
}

export async function loadJobs(db: SyncQ): Promise<Job[]> {
  const rows = await db.selectFrom('outbox').selectAll().orderBy('seq').execute()
  const jobs = new Map<string, Job>()
  for (const row of rows) {
    const key = `${row.entity}:${row.record_id}`
    let job = jobs.get(key)
    if (!job) {
      job = {
        entity: row.entity,
        recordId: row.record_id,
        seqs: [],
        hasCreate: false,
        hasDelete: false,
        fields: [],
        remoteId: null,
        lookupKey: null,
        attempts: 0,
        failed: true,
        lastError: null,
        nextAttemptAt: null,
      }
      jobs.set(key, job)
    }
    job.seqs.push(row.seq)
    if (row.op === 'create') job.hasCreate = true
    if (row.op === 'delete') job.hasDelete = true
    for (const field of JSON.parse(row.fields) as string[]) if (!job.fields.includes(field)) job.fields.push(field)
    job.remoteId ??= row.remote_id
    job.lookupKey ??= row.lookup_key
    job.attempts = Math.max(job.attempts, row.attempts)
    if (row.state !== 'failed') job.failed = false
    job.lastError = row.last_error ?? job.lastError
    if (row.next_attempt_at && (!job.nextAttemptAt || row.next_attempt_at > job.nextAttemptAt)) job.nextAttemptAt = row.next_attempt_at
  }
  return [...jobs.values()]
}

const deleteOutboxRows = prepareSync((db, v: { seqs: string }) => db.deleteFrom('outbox').where('seq', 'in', inJsonList<number>(v.seqs)))

/** Removes the rows a finished job covered (rows added meanwhile stay for the next round). */
export async function finishJob(db: SyncQ, job: Job): Promise<void> {
  await deleteOutboxRows.run(db, { seqs: JSON.stringify(job.seqs) })
}

export async function noteJob(
  db: SyncQ,
  job: Job,
  note: { state?: 'pending' | 'failed'; error: string | null; attempt?: boolean; nextAttemptAt?: string | null },
): Promise<void> {
  const set: Record<string, unknown> = { last_error: note.error }
  if (note.state) set['state'] = note.state
  if (note.nextAttemptAt !== undefined) set['next_attempt_at'] = note.nextAttemptAt
  let q = db.updateTable('outbox').set(set as never)
  if (note.attempt) q = q.set((eb) => ({ attempts: eb('attempts', '+', 1) }))
  await q.where('seq', 'in', job.seqs).execute()
}
