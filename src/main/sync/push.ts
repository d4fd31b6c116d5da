import { openAsBlob } from 'node:fs'
import { backoffDelay, lanesOf, runLanes } from './backoff'
import { withRetries } from './retry'
import { CommitBatch } from './commit-batch'
import { CreateMarks } from './create-marks'
import type { SyncContext } from './context'
import { SYNCED_FIELDS, sameValue, type RecordType, type SyncEntity, type Values } from './fields'
import { AuthGoneError, HttpError, isTransient, serverMessage } from './http-errors'
import { dropSyncState, readLocal, readSnapshot, remoteIdOf, setRemoteId, TABLE, writeSnapshot, type LocalRecord } from './local'
import { fileLabel, findRemote, type LookupKey } from './lookup'
import { finishJob, loadJobs, noteJob, type Job } from './outbox-jobs'
import { prepareSync } from './prepared'
import type { SyncQ } from './schema'
import { KIND_PATH, referencesOf, toServer, type ToRemote } from './wire'
import { pushEmail } from './push-email'

// Push: every pending change reaches the server, in order per record, with
// bounded concurrency across records. Parents go before children (tags,
// accounts, contacts, cases, then comments and attachments), deletes last in
// the reverse order, so a change that names another record waits for it.

export interface PushResult {
  pushed: number
  failed: number
  waiting: number
  /** Changes whose requests met network faults after their retries: kept pending, tried again next round. */
  deferred: number
  /** How many requests were on the wire at once. */
  concurrency: number
  stoppedBy: 'offline' | 'needs-login' | null
  message: string | null
  /** What the push changed that the user sees (an email's state: sent, scheduled, refused), so windows can reload. */
  changed: string[]
}

const PHASES: readonly { entities: readonly SyncEntity[]; deletes: boolean }[] = [
  { entities: ['tag'], deletes: false },
  { entities: ['account'], deletes: false },
  { entities: ['contact'], deletes: false },
  { entities: ['case'], deletes: false },
  { entities: ['email'], deletes: false },
  { entities: ['comment', 'attachment'], deletes: false },
  { entities: ['comment', 'attachment'], deletes: true },
  { entities: ['case'], deletes: true },
  { entities: ['contact'], deletes: true },
  { entities: ['account'], deletes: true },
]

/**
 * Records in work at once, per request on the wire: the others read their rows,
 * wait for a turn on the wire or wait for their bookkeeping to be committed,
 * so one disk sync covers many records without holding back the requests.
 */
const RECORDS_PER_REQUEST = 4
/** Creates whose lookup keys are written in one transaction before they are sent (create-marks.ts). */
const CREATES_MARKED_AHEAD = 100

type Outcome = { kind: 'done' } | { kind: 'waiting'; why: string }

/**
 * Network faults in a row, with no success between them, after which the link
 * counts as down and the round stops. Below that a failed change is set back
 * and the others go on: on a lossy link most requests still get through.
 */
export const FAULTS_IN_A_ROW_OFFLINE = 12

class ParkError extends Error {}

const PARENT_COLUMNS = [
  ['account', 'account_id'],
  ['contact', 'contact_id'],
  ['case', 'case_id'],
] as const

function parentOfRow(row: Record<string, unknown>): { type: RecordType; id: string } {
  for (const [type, column] of PARENT_COLUMNS) if (row[column]) return { type, id: row[column] as string }
  throw new Error('A comment or attachment without a parent')
}


const pendingDeleteLearnsRemoteId = prepareSync((db, v: { entity: SyncEntity; id: string; remoteId: string }) =>
  db
    .updateTable('outbox')
    .set({ remote_id: v.remoteId })
    .where('entity', '=', v.entity)
    .where('record_id', '=', v.id)
    .where('op', '=', 'delete')
    .where('remote_id', 'is', null),
)

/** Server ids of every reference in `values`, or the first reference not on the server yet. */
async function resolveRefs(db: SyncQ, values: Values): Promise<{ remote: ToRemote } | { missing: string }> {
  const map = new Map<string, string>()
  for (const ref of referencesOf(values)) {
    const remoteId = await remoteIdOf(db, ref.entity, ref.id)
    if (!remoteId) return { missing: `Waiting for its ${ref.entity} to reach the server` }
    map.set(`${ref.entity}:${ref.id}`, remoteId)
  }
  return { remote: (entity, id) => map.get(`${entity}:${id}`) }
}

function withoutNulls(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && !(Array.isArray(v) && !v.length)))
}

function lookupKeyOf(entity: SyncEntity, rec: LocalRecord, parent: { kind: RecordType; remoteId: string } | null): LookupKey {
  const r = rec.row
  switch (entity) {
    case 'contact':
      return { entity, email: (r['email'] as string | null) ?? null, firstName: r['first_name'] as string, lastName: r['last_name'] as string }
    case 'comment':
      return { entity, parentKind: parent!.kind, parentRemoteId: parent!.remoteId, body: r['body'] as string }
    case 'attachment':
      return { entity, parentKind: parent!.kind, parentRemoteId: parent!.remoteId, fileName: r['file_name'] as string }
    default:
      return { entity, name: r['name'] as string }
  }
}

function newestUnmapped(list: unknown, matches: (o: Record<string, unknown>) => boolean, mapped: Set<string>): string | null {
  if (!Array.isArray(list)) return null
  const hit = (list as Record<string, unknown>[]).find((o) => matches(o) && !mapped.has(String(o['id'])))
  return hit ? String(hit['id']) : null
}

async function mappedIds(ctx: SyncContext, entity: SyncEntity): Promise<Set<string>> {
  const rows = await ctx.db.selectFrom(TABLE[entity] as 'comments').select('remote_id').where('remote_id', 'is not', null).execute()
  return new Set(rows.map((r) => r.remote_id!))
}

/** Sends one create; resolves to the new server id. */
async function postCreate(
  ctx: SyncContext,
  entity: SyncEntity,
  rec: LocalRecord,
  values: Values,
  remote: ToRemote,
  parent: { kind: RecordType; remoteId: string } | null,
): Promise<string> {
  const c = ctx.client
  switch (entity) {
    case 'tag': {
      const { body } = await c.request<{ tag?: { id?: string } }>('POST', '/api/tags/', { json: { name: rec.row['name'], color: rec.row['color'] } })
      if (!body.tag?.id) throw new HttpError(500, 'The tag answer had no id')
      return body.tag.id
    }
    case 'account':
    case 'contact':
    case 'case': {
      // An account create takes tag NAMES (and fails on some); tags follow as ids in a PATCH.
      const sent = entity === 'account' ? { ...values, tag_ids: [] } : values
      const json = { ...withoutNulls(toServer(sent, remote)), is_active: values['is_active'] !== false }
      const { body } = await c.request<{ id?: string }>('POST', `/api/${KIND_PATH[entity]}/`, { json })
      if (!body.id) throw new HttpError(500, 'The create answer had no id')
      return body.id
    }
    case 'comment': {
      const text = rec.row['body'] as string
      const json: Record<string, unknown> = { comment: text }
      if (parent!.kind === 'case') json['is_internal'] = rec.row['is_internal'] === 1
      const { body } = await c.request<Record<string, unknown>>('POST', `/api/${KIND_PATH[parent!.kind]}/${parent!.remoteId}/`, { json })
      // No id comes back: the new comment is the one with our text that no local comment maps to.
      const mapped = await mappedIds(ctx, 'comment')
      const id =
        newestUnmapped(body['comments'], (o) => o['comment'] === text, mapped) ??
        newestUnmapped(body['internal_notes'], (o) => o['comment'] === text, mapped)
      if (!id) throw new HttpError(500, 'The new comment was not in the answer')
      return id
    }
    case 'attachment': {
      const sha256 = rec.row['sha256'] as string
      const fileName = rec.row['file_name'] as string
      const form = new FormData()
      // Streamed from disk: openAsBlob reads the file as the request is sent.
      const blob = await openAsBlob(ctx.files.pathOf(sha256), { type: String(rec.row['mime_type'] ?? 'application/octet-stream') })
      form.set(`${parent!.kind}_attachment`, blob, fileName)
      const { body } = await c.request<Record<string, unknown>>('POST', `/api/${KIND_PATH[parent!.kind]}/${parent!.remoteId}/`, { form })
      const mapped = await mappedIds(ctx, 'attachment')
      const id = newestUnmapped(body['attachments'], (o) => o['file_name'] === fileLabel(fileName), mapped)
      if (!id) throw new HttpError(500, 'The new attachment was not in the answer')
      return id
    }
    case 'email':
      throw new Error('Emails are sent by push-email.ts')
  }
}

/** Sends changed fields of a record the server has. */
async function sendUpdate(ctx: SyncContext, entity: SyncEntity, remoteId: string, values: Values, remote: ToRemote, parentKind: RecordType | null) {
  const c = ctx.client
  // JSON, never multipart: a multipart edit without is_internal would turn an internal note public.
  if (entity === 'comment') return c.request('PATCH', `/api/${KIND_PATH[parentKind!]}/comment/${remoteId}/`, { json: toServer(values, remote) })
  if (entity === 'tag') {
    if (values['is_active'] === true) await c.request('POST', `/api/tags/${remoteId}/restore/`)
    return c.request('PUT', `/api/tags/${remoteId}/`, { json: toServer({ name: values['name'], color: values['color'] }, remote) })
  }
  return c.request('PATCH', `/api/${KIND_PATH[entity as RecordType]}/${remoteId}/`, { json: toServer(values, remote) })
}

async function parentRemote(ctx: SyncContext, entity: SyncEntity, rec: LocalRecord) {
  if (entity !== 'comment' && entity !== 'attachment') return null
  const parent = parentOfRow(rec.row)
  const remoteId = await remoteIdOf(ctx.db, parent.type, parent.id)
  return { kind: parent.type, remoteId }
}

/** "Edited here, deleted there": the local edit wins, and the record is created again. */
async function recreate(ctx: SyncContext, job: Job): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await setRemoteId(trx, job.entity, job.recordId, null)
    await dropSyncState(trx, job.entity, job.recordId)
    await finishJob(trx, job)
    await trx
      .insertInto('outbox')
      .values({ entity: job.entity as 'account', record_id: job.recordId, op: 'create', fields: '[]', remote_id: null, parent_entity: null, parent_remote_id: null, created_at: ctx.clock.now() })
      .execute()
  })
}

/** The lookup key (see lookup.ts) `job`'s record would be created with now; null when no create is due (on the server already, gone, waiting for its parent). */
async function createKeyOf(ctx: SyncContext, job: Job): Promise<string | null> {
  // Without a create row the record is on the server already (and should it not be, beforeSending still writes its key).
  if (job.hasDelete || !job.hasCreate) return null
  if (job.entity === 'email') return JSON.stringify({ entity: 'email', marker: job.recordId })
  const rec = await readLocal(ctx.db, job.entity, job.recordId)
  if (!rec || rec.remoteId) return null
  const parent = await parentRemote(ctx, job.entity, rec)
  if (parent && !parent.remoteId) return null
  return JSON.stringify(lookupKeyOf(job.entity, rec, parent as { kind: RecordType; remoteId: string } | null))
}

async function pushUpsert(ctx: SyncContext, commits: CommitBatch, marks: CreateMarks, job: Job, conflicted: Set<string>): Promise<Outcome> {
  if (job.entity === 'email') return pushEmail(ctx, commits, marks, job)
  const rec = await readLocal(ctx.db, job.entity, job.recordId)
  if (!rec) {
    // Gone locally without a delete of its own (a cascade): the server cascades the same way.
    await finishJob(ctx.db, job)
    return { kind: 'done' }
  }
  const parent = await parentRemote(ctx, job.entity, rec)
  if (parent && !parent.remoteId) return { kind: 'waiting', why: `Waiting for its ${parent.kind} to reach the server` }
  const parentRef = parent as { kind: RecordType; remoteId: string } | null

  if (!rec.remoteId) {
    const values = rec.values
    const refs = await resolveRefs(ctx.db, values)
    if ('missing' in refs) return { kind: 'waiting', why: refs.missing }
    const key = lookupKeyOf(job.entity, rec, parentRef)
    let uncertain = job.lookupKey !== null
    let adopted = false
    // Held in the outbox before the request leaves: if this process dies before the answer is committed, the next round looks first.
    await marks.beforeSending(job, JSON.stringify(key))
    const remoteId = await withRetries(ctx, async () => {
      if (uncertain) {
        const found = await findRemote(ctx, key)
        if (found) {
          adopted = true
          return found
        }
      }
      try {
        return await postCreate(ctx, job.entity, rec, values, refs.remote, parentRef)
      } catch (error) {
        // The server saves before it fails: after a 5xx or a lost answer it may exist already.
        if (isTransient(error)) uncertain = true
        // "Already exists" after an unanswered try: that try arrived late; it is ours.
        if (uncertain && error instanceof HttpError && error.status === 400) {
          const found = await findRemote(ctx, key)
          if (found) {
            adopted = true
            return found
          }
        }
        throw error
      }
    })
    // A found create may lack what the server stores after the row (links); an account's tags go separately.
    const fields = SYNCED_FIELDS[job.entity].filter((f) => f in values)
    if (adopted && (job.entity === 'account' || job.entity === 'contact' || job.entity === 'case' || job.entity === 'tag')) {
      await withRetries(ctx, () => sendUpdate(ctx, job.entity, remoteId, values, refs.remote, null))
    } else if (job.entity === 'account' && (values['tag_ids'] as string[]).length) {
      await withRetries(ctx, () => sendUpdate(ctx, 'account', remoteId, { tag_ids: values['tag_ids'] }, refs.remote, null))
    }
    await commits.run(async (trx) => {
      await setRemoteId(trx, job.entity, job.recordId, remoteId)
      // If the record was deleted meanwhile, its delete now knows what to delete.
      await pendingDeleteLearnsRemoteId.run(trx, { entity: job.entity, id: job.recordId, remoteId })
      const snapshot: Values = Object.fromEntries(fields.map((f) => [f, values[f]]))
      if (parentRef) snapshot['_parent'] = parentRef.kind
      await writeSnapshot(trx, job.entity, job.recordId, snapshot, true)
      await finishJob(trx, job)
    })
    return { kind: 'done' }
  }

  const remoteId = rec.remoteId
  const wanted = job.hasCreate ? SYNCED_FIELDS[job.entity] : job.fields.filter((f) => SYNCED_FIELDS[job.entity].includes(f))
  const fields = wanted.filter((f) => !conflicted.has(f) && f in rec.values)
  const values: Values = Object.fromEntries(fields.map((f) => [f, rec.values[f]]))
  if (job.entity === 'case' && 'account_id' in values) {
    const base = await readSnapshot(ctx.db, 'case', job.recordId)
    if (base && !sameValue('account_id', base['account_id'], values['account_id'])) {
      throw new ParkError('Django-CRM cannot move a case to another account: set the account back, or create a new case')
    }
    delete values['account_id']
  }
  if (Object.keys(values).length) {
    const refs = await resolveRefs(ctx.db, values)
    if ('missing' in refs) return { kind: 'waiting', why: refs.missing }
    try {
      await withRetries(ctx, () => sendUpdate(ctx, job.entity, remoteId, values, refs.remote, parentRef?.kind ?? null))
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        await recreate(ctx, job)
        return { kind: 'done' }
      }
      throw error
    }
  }
  await commits.run(async (trx) => {
    await writeSnapshot(trx, job.entity, job.recordId, values)
    await finishJob(trx, job)
  })
  return { kind: 'done' }
}

async function pushDelete(ctx: SyncContext, commits: CommitBatch, job: Job): Promise<Outcome> {
  let remoteId = job.remoteId
  if (!remoteId && job.lookupKey) remoteId = await withRetries(ctx, () => findRemote(ctx, JSON.parse(job.lookupKey!) as LookupKey))
  if (remoteId) {
    const base = await readSnapshot(ctx.db, job.entity, job.recordId)
    const kind = job.entity === 'comment' || job.entity === 'attachment' ? ((base?.['_parent'] as RecordType | undefined) ?? null) : null
    const paths =
      job.entity === 'comment' || job.entity === 'attachment'
        ? (kind ? [kind] : (['account', 'contact', 'case'] as const)).map((k) => `/api/${KIND_PATH[k]}/${job.entity}/${remoteId}/`)
        : [`/api/${KIND_PATH[job.entity as RecordType]}/${remoteId}/`]
    for (const path of paths) {
      try {
        await withRetries(ctx, () => ctx.client.request('DELETE', path))
        break
      } catch (error) {
        // Already gone (deleted there too, or a retried delete): the goal is met.
        if (!(error instanceof HttpError && error.status === 404)) throw error
      }
    }
  }
  await commits.run(async (trx) => {
    await dropSyncState(trx, job.entity, job.recordId)
    await finishJob(trx, job)
  })
  return { kind: 'done' }
}

/** Fields with an open conflict, per record: they wait for the user. */
async function conflictedFields(db: SyncQ): Promise<Map<string, Set<string>>> {
  const rows = await db.selectFrom('sync_conflicts').select(['entity', 'record_id', 'fields']).execute()
  return new Map(rows.map((r) => [`${r.entity}:${r.record_id}`, new Set((JSON.parse(r.fields) as { field: string }[]).map((f) => f.field))]))
}

/**
 * Pushes every pending change. Returns at the first sign of being offline or
 * signed out (what is left stays pending), after trying each change.
 */
export async function pushPending(ctx: SyncContext, options: { respectBackoff?: boolean } = {}): Promise<PushResult> {
  const now = ctx.clock.now()
  const all = await loadJobs(ctx.db)
  const result: PushResult = { pushed: 0, failed: 0, waiting: 0, deferred: 0, concurrency: ctx.tuning.concurrency, stoppedBy: null, message: null, changed: [] }
  const jobs: Job[] = []
  for (const job of all) {
    if (job.failed) continue
    if (options.respectBackoff && job.nextAttemptAt && job.nextAttemptAt > now) continue
    if (job.hasCreate && job.hasDelete && !job.lookupKey) {
      // Created and deleted between two syncs: the server never needs to hear of it.
      await finishJob(ctx.db, job)
      continue
    }
    jobs.push(job)
  }
  const conflicts = await conflictedFields(ctx.db)
  // The client keeps `concurrency` requests on the wire; the bookkeeping is committed as soon as every
  // other record in work waits for it (a fixed wait would hold each record for it after every answer).
  const recordsInWork = ctx.tuning.concurrency * RECORDS_PER_REQUEST
  const commits = new CommitBatch(ctx.db, recordsInWork - ctx.tuning.concurrency)
  const total = jobs.length
  let done = 0
  ctx.progress?.(0, total)
  // A create or edit the server refuses (400) may clash with a record deleted here whose delete goes
  // later (a name freed by deleting the old account): it is tried once more after the deletes.
  const refused: { job: Job; error: unknown; marks: CreateMarks }[] = []
  let deleted = 0
  let faultsInARow = 0
  const attempt = async (job: Job, marks: CreateMarks, lastTry: boolean) => {
    try {
      const outcome = job.hasDelete ? await pushDelete(ctx, commits, job) : await pushUpsert(ctx, commits, marks, job, conflicts.get(`${job.entity}:${job.recordId}`) ?? new Set())
      faultsInARow = 0
      if (outcome.kind === 'done') {
        result.pushed++
        if (job.entity === 'email' && !result.changed.includes('email')) result.changed.push('email')
        if (job.hasDelete) deleted++
      } else {
        result.waiting++
        await noteJob(ctx.db, job, { error: outcome.why })
      }
    } catch (error) {
      if (error instanceof AuthGoneError) {
        result.stoppedBy = 'needs-login'
        result.message = error.message
      } else if (isTransient(error)) {
        // This change waits (its create's lookup key stays, so a lost answer is looked up, not sent twice); the others go on.
        result.deferred++
        result.message = (error as Error).message
        if (++faultsInARow >= FAULTS_IN_A_ROW_OFFLINE) result.stoppedBy = 'offline'
        const wait = ctx.tuning.baseDelayMs * 4 + backoffDelay(job.attempts, ctx.tuning.baseDelayMs * 4, ctx.tuning.maxDelayMs * 10, ctx.random)
        await noteJob(ctx.db, job, { error: result.message, attempt: true, nextAttemptAt: new Date(Date.now() + wait).toISOString() })
      } else if (!lastTry && !job.hasDelete && error instanceof HttpError && error.status === 400) {
        refused.push({ job, error, marks })
      } else await park(job, marks, error)
    }
  }
  const park = async (job: Job, marks: CreateMarks, error: unknown) => {
    result.failed++
    const message = error instanceof HttpError ? serverMessage(error.body) : (error as Error).message
    await noteJob(ctx.db, job, { state: 'failed', error: message, attempt: true })
    if (job.entity === 'email' && !result.changed.includes('email')) result.changed.push('email')
    // Refused, not in doubt: the pull must not adopt a same-named server record as this one.
    await marks.takeBack(job)
  }
  for (const phase of PHASES) {
    if (result.stoppedBy) break
    const batch = jobs.filter((j) => phase.entities.includes(j.entity) && j.hasDelete === phase.deletes)
    // Comments and attachments of one record go one at a time: a new one is recognised by its text or name.
    const parents = new Map<string, string>()
    for (const job of batch) {
      if (job.entity !== 'comment' && job.entity !== 'attachment') continue
      const row = await ctx.db.selectFrom(TABLE[job.entity] as 'comments').select(['account_id', 'contact_id', 'case_id']).where('id', '=', job.recordId).executeTakeFirst()
      if (row) parents.set(job.recordId, row.account_id ?? row.contact_id ?? row.case_id ?? job.recordId)
    }
    const lane = (job: Job) => parents.get(job.recordId) ?? job.recordId
    const marks = new CreateMarks(ctx.db, lanesOf(batch, lane).flat(), (job) => createKeyOf(ctx, job), CREATES_MARKED_AHEAD)
    try {
      await runLanes(batch, lane, recordsInWork, async (job) => {
        try {
          await attempt(job, marks, false)
        } finally {
          ctx.progress?.(++done, total)
        }
      }, () => result.stoppedBy !== null)
    } finally {
      await marks.clearUnsent()
    }
  }
  for (const { job, error, marks } of refused) {
    if (deleted && !result.stoppedBy) await attempt(job, marks, true)
    else await park(job, marks, error)
  }
  return result
}
