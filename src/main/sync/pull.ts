import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import mime from 'mime-types'
import type { SyncSetAside } from '../../shared/domain/sync'
import { textKey } from '../records/keys'
import { DISK_FULL_MESSAGE } from '../records/sqlite-errors'
import { slugify } from '../lookups/handlers'
import { runLanes } from './backoff'
import { withRetries } from './retry'
import type { SyncContext } from './context'
import { RECORD_TYPES, SYNC_ENTITIES, SYNCED_FIELDS, type RecordType, type SyncEntity, type Values } from './fields'
import { AuthGoneError, BadAnswerError, HttpError, isTransient } from './http-errors'
import { applyToLocal, dropSyncState, insertLocal, readLocal, readSnapshot, setRemoteId, TABLE, writeSnapshot } from './local'
import { caseActivitiesIn, type ServerCaseActivity } from '../../shared/domain/case-activity'
import { applyCaseActivities } from './case-activities'
import { attachmentsIn, CASE_LIST_QUERY, commentsIn, fileLabel } from './lookup'
import { mergeFields, type FieldConflict } from './merge'
import { applyAccountEmails } from './pull-emails'
import { isServerId, printable, problemWith } from './pulled-values'
import { DownloadCap, FileTooLargeError, MAX_DOWNLOAD_BYTES } from './transfer-limits'
import type { SyncTrx } from './schema'
import { fromServer, idOf, KIND_PATH } from './wire'

// Pull: list everything the server has (it offers no "changed since"), merge
// it field by field into the local records in one transaction, find what the
// server deleted, then download new attachment files. Nothing here writes an
// outbox entry except the "edited here, deleted there" case, where the local
// edit wins and the record is created again.

export interface PullResult {
  inserted: number
  updated: number
  deleted: number
  conflicts: number
  downloaded: number
  /** Files whose download failed on the network this time; the next full round tries them again. */
  downloadsLeft: number
  /** Records whose comments and files could not be read this time (network faults); the next full round reads them. */
  detailsLeft: number
  /** Record types that changed locally, so windows can reload their lists. */
  changed: string[]
  /** Server records that could not be applied (a name clash with a local record). */
  skipped: string[]
  /** Server records and files not taken in because they break the local rules (or do not fit on disk); the rest went on. */
  setAside: SetAside[]
}

/** `scope`: what a pull reads to see the item again (see migrations/0011_sync_set_aside.ts). */
export type SetAside = SyncSetAside & { entity: SyncEntity; scope: string }

/** The scope of a record list's items. */
const listScope = (kind: RecordType | 'tag') => `list:${kind}`
/** The scope of a record's comments and files (read with its details). */
const detailScope = (kind: RecordType, remoteId: string) => `${kind}:${remoteId}`

type Obj = Record<string, unknown>
const PAGE = 100
/** No list is read past this many pages (100,000 records), whatever the server claims. */
export const MAX_PAGES = 1_000

function arr(node: unknown, ...path: string[]): Obj[] {
  for (const key of path) node = node && typeof node === 'object' ? (node as Obj)[key] : undefined
  return Array.isArray(node) ? (node as Obj[]) : []
}

function count(node: unknown, ...path: string[]): number | null {
  for (const key of path) node = node && typeof node === 'object' ? (node as Obj)[key] : undefined
  return typeof node === 'number' && Number.isSafeInteger(node) && node >= 0 ? node : null
}

interface ListSpec {
  path: string
  pages: (body: unknown) => Obj[][]
  /** The number of records the server says the list has (per page list), or null when it does not say. */
  counts: (body: unknown) => (number | null)[]
  query?: Record<string, string>
  detailKey: string
}

/**
 * Pages through a list with limit/offset, computing offsets itself (the
 * server's `offset` is not usable). It stops on a short page, and also when
 * the pages read cover what the server counted (with one page to spare for
 * records added meanwhile) or reach MAX_PAGES: a server that sends full pages
 * forever fails the listing instead of the app's memory.
 */
async function listAll(ctx: SyncContext, spec: ListSpec): Promise<Obj[]> {
  const out = new Map<string, Obj>()
  let bound = MAX_PAGES
  for (let page = 0, offset = 0; ; page++, offset += PAGE) {
    if (page >= bound) {
      throw new BadAnswerError(`The server kept sending full pages of ${spec.path} past the ${bound * PAGE} records it counted; the list was not used`)
    }
    const { body } = await withRetries(ctx, () => ctx.client.request('GET', spec.path, { query: { ...spec.query, limit: PAGE, offset } }))
    const lists = spec.pages(body)
    for (const list of lists) for (const o of list) if (o && typeof o === 'object') out.set(String(o['id']), o)
    if (lists.every((list) => list.length < PAGE)) break
    if (page === 0) {
      const counted = spec.counts(body)
      if (counted.every((n) => n !== null)) bound = Math.min(MAX_PAGES, Math.ceil(Math.max(...(counted as number[])) / PAGE) + 1)
    }
  }
  return [...out.values()]
}

const LISTS: Record<RecordType, ListSpec> = {
  account: {
    path: '/api/accounts/',
    pages: (b) => [arr(b, 'active_accounts', 'open_accounts'), arr(b, 'closed_accounts', 'close_accounts')],
    counts: (b) => [count(b, 'active_accounts', 'open_accounts_count'), count(b, 'closed_accounts', 'close_accounts_count')],
    detailKey: 'account_obj',
  },
  contact: { path: '/api/contacts/', pages: (b) => [arr(b, 'results')], counts: (b) => [count(b, 'count') ?? count(b, 'contacts_count')], detailKey: 'contact_obj' },
  // Inactive, Duplicate and merged cases are hidden unless asked for; missing ones are confirmed one by one below.
  // slim: without it every page also carries every account and contact of the org (8.6 s instead of 2.1 s a page).
  case: { path: '/api/cases/', pages: (b) => [arr(b, 'cases')], counts: (b) => [count(b, 'cases_count')], query: CASE_LIST_QUERY, detailKey: 'cases_obj' },
}

interface Fetched {
  tags: Obj[]
  records: Record<RecordType, Obj[]>
  /** Server ids confirmed deleted (a 404 on their detail). */
  gone: Record<RecordType, Set<string>>
  details: { kind: RecordType; remoteId: string; comments: Obj[]; attachments: Obj[]; activities: ServerCaseActivity[]; emails: unknown[] }[]
  /** Details not read this time (network faults): their comments and files wait for the next full round. */
  detailsLeft: number
}

/** An account detail's emails (at most 5,000: the list has no paging). */
function emailsIn(kind: RecordType, body: unknown): unknown[] {
  return kind === 'account' ? arr(body, 'emails').slice(0, 5_000) : []
}

/** A short, printable name of a server object for the sync panel. */
function titleOfServer(entity: SyncEntity, obj: Obj): string {
  const raw = entity === 'contact' ? `${String(obj['first_name'] ?? '')} ${String(obj['last_name'] ?? '')}` : (obj['name'] ?? obj['comment'] ?? obj['file_name'] ?? '')
  return printable(typeof raw === 'string' ? raw : JSON.stringify(raw) ?? '', 80) || printable(String(obj['id'] ?? ''), 80)
}

/** The objects with a usable server id; the others are set aside (their id would go into request paths). */
function withServerIds(entity: SyncEntity, list: Obj[], setAside: SetAside[], scope: string): Obj[] {
  return list.filter((o) => {
    if (isServerId(o['id'])) return true
    setAside.push({ entity, scope, remoteId: printable(String(o['id']), 60), title: titleOfServer(entity, o), reason: 'The server gave it no valid id' })
    return false
  })
}

/**
 * Which records' comments and files a pull reads: none, every record's (one
 * request each), or only those whose list entry differs from the one seen
 * last time (a new or edited record; a comment added on the server alone
 * does not change the entry, so 'all' still comes now and then).
 */
export type DetailsToRead = false | 'all' | 'changed'

/** A list entry's fingerprint, kept in the record's snapshot as `_entry`. */
function entryHash(obj: Obj): string {
  return createHash('sha256').update(JSON.stringify(obj)).digest('base64url').slice(0, 22)
}

async function seenEntries(ctx: SyncContext, kind: RecordType): Promise<Map<string, string>> {
  const rows = await ctx.db
    .selectFrom(TABLE[kind])
    .innerJoin('sync_snapshots', (j) => j.onRef('sync_snapshots.record_id', '=', `${TABLE[kind]}.id` as 'accounts.id').on('sync_snapshots.entity', '=', kind))
    .select(['remote_id', 'sync_snapshots.data'])
    .where('remote_id', 'is not', null)
    .execute()
  const out = new Map<string, string>()
  for (const row of rows) {
    const entry = (JSON.parse(row.data) as { _entry?: unknown })._entry
    if (typeof entry === 'string') out.set(row.remote_id!, entry)
  }
  return out
}

async function fetchAll(ctx: SyncContext, withDetails: DetailsToRead, setAside: SetAside[]): Promise<Fetched> {
  const { body: tagBody } = await withRetries(ctx, () => ctx.client.request('GET', '/api/tags/', { query: { include_archived: 'true' } }))
  const records = {} as Record<RecordType, Obj[]>
  const gone = {} as Record<RecordType, Set<string>>
  const details: Fetched['details'] = []
  const fetched = { detailsLeft: 0 }
  for (const kind of RECORD_TYPES) {
    const spec = LISTS[kind]
    const list = withServerIds(kind, await listAll(ctx, spec), setAside, listScope(kind))
    const seen = new Set(list.map((o) => String(o['id'])))
    const local = await ctx.db.selectFrom(TABLE[kind]).select('remote_id').where('remote_id', 'is not', null).execute()
    gone[kind] = new Set()
    const missing = local.map((r) => r.remote_id!).filter((id) => !seen.has(id))
    const found: Obj[] = []
    await runLanes(missing, (id) => id, ctx.tuning.concurrency, async (id) => {
      try {
        const { body } = await withRetries(ctx, () => ctx.client.request<Obj>('GET', `/api/${KIND_PATH[kind]}/${id}/`))
        const obj = body[spec.detailKey]
        if (obj && typeof obj === 'object' && (obj as Obj)['id'] === id) found.push(obj as Obj)
        const scope = detailScope(kind, id)
        details.push({ kind, remoteId: id, comments: withServerIds('comment', commentsIn(body), setAside, scope), attachments: withServerIds('attachment', attachmentsIn(body), setAside, scope), activities: kind === 'case' ? caseActivitiesIn(body) : [], emails: emailsIn(kind, body) })
      } catch (error) {
        if (error instanceof HttpError && error.status === 404) gone[kind].add(id)
        // Not confirmed gone: it stays as it is until a later pull can tell.
        else if (isTransient(error)) fetched.detailsLeft++
        else throw error
      }
    }, () => false)
    records[kind] = [...list, ...found]
    if (!withDetails) continue
    const lastEntries = withDetails === 'changed' ? await seenEntries(ctx, kind) : null
    const toRead = lastEntries ? list.filter((o) => lastEntries.get(String(o['id'])) !== entryHash(o)) : list
    await runLanes(toRead, (o) => String(o['id']), ctx.tuning.concurrency, async (o) => {
      let body: Obj
      try {
        ;({ body } = await withRetries(ctx, () => ctx.client.request<Obj>('GET', `/api/${KIND_PATH[kind]}/${String(o['id'])}/`)))
      } catch (error) {
        // On a lossy link one record's comments and files wait for the next full round; the others come down.
        if (!isTransient(error)) throw error
        fetched.detailsLeft++
        return
      }
      const scope = detailScope(kind, String(o['id']))
      details.push({ kind, remoteId: String(o['id']), comments: withServerIds('comment', commentsIn(body), setAside, scope), attachments: withServerIds('attachment', attachmentsIn(body), setAside, scope), activities: kind === 'case' ? caseActivitiesIn(body) : [], emails: emailsIn(kind, body) })
    }, () => false)
  }
  return { tags: withServerIds('tag', arr(tagBody, 'tags'), setAside, listScope('tag')), records, gone, details, detailsLeft: fetched.detailsLeft }
}

type Maps = Record<SyncEntity, Map<string, string>>

interface Pending {
  /** entity -> server ids with a local delete not pushed yet: never bring them back. */
  deletes: Map<string, Set<string>>
  /** "entity:id" of every record with an unpushed change. */
  records: Set<string>
  /** "entity:id" of records whose create was sent with an unknown outcome. */
  attempted: Set<string>
}

async function pendingOf(trx: SyncTrx): Promise<Pending> {
  const rows = await trx.selectFrom('outbox').select(['entity', 'record_id', 'op', 'remote_id', 'lookup_key']).execute()
  const p: Pending = { deletes: new Map(), records: new Set(), attempted: new Set() }
  for (const r of rows) {
    p.records.add(`${r.entity}:${r.record_id}`)
    if (r.lookup_key) p.attempted.add(`${r.entity}:${r.record_id}`)
    if (r.op === 'delete' && r.remote_id) {
      const set = p.deletes.get(r.entity) ?? new Set()
      set.add(r.remote_id)
      p.deletes.set(r.entity, set)
    }
  }
  return p
}

async function loadMaps(trx: SyncTrx): Promise<Maps> {
  const maps = {} as Maps
  for (const entity of SYNC_ENTITIES) {
    const rows = await trx.selectFrom(TABLE[entity] as 'accounts').select(['id', 'remote_id']).where('remote_id', 'is not', null).execute()
    maps[entity] = new Map(rows.map((r) => [r.remote_id!, r.id]))
  }
  return maps
}

/** A local record not on the server yet that is the same as this server record (same unique key). */
async function adoptable(trx: SyncTrx, entity: SyncEntity, sv: Values, pending: Pending): Promise<string | null> {
  let q = trx.selectFrom(TABLE[entity] as 'accounts').select('id').where('remote_id', 'is', null)
  if (entity === 'account' || entity === 'case') q = q.where('name_key', '=', textKey(String(sv['name'])))
  else if (entity === 'tag') q = q.where('slug' as 'name', '=', slugify(String(sv['name'])))
  else if (entity === 'contact') {
    if (sv['email']) q = q.where('email_key' as 'name', '=', textKey(String(sv['email'])))
    else q = q.where('first_name' as 'name', '=', String(sv['first_name'])).where('last_name' as 'name', '=', String(sv['last_name']))
  } else return null
  const rows = await q.execute()
  // Same-named contacts without email may be different people: only adopt one whose create was in doubt.
  const hit = rows.find((r) => entity !== 'contact' || sv['email'] || pending.attempted.has(`contact:${r.id}`))
  return hit?.id ?? null
}

/** True when writing `values` would take a unique name or email another local record holds. */
async function clashes(trx: SyncTrx, entity: SyncEntity, values: Values, self: string | null): Promise<boolean> {
  let column: string | null = null
  let key: string | null = null
  if ((entity === 'account' || entity === 'case') && typeof values['name'] === 'string') [column, key] = ['name_key', textKey(values['name'])]
  if (entity === 'contact' && typeof values['email'] === 'string') [column, key] = ['email_key', textKey(values['email'])]
  if (entity === 'tag' && typeof values['name'] === 'string') [column, key] = ['slug', slugify(values['name'])]
  if (!column || !key) return false
  const row = await trx.selectFrom(TABLE[entity] as 'accounts').select('id').where(column as 'name', '=', key).executeTakeFirst()
  return row !== undefined && row.id !== self
}

async function saveConflicts(trx: SyncTrx, ctx: SyncContext, entity: SyncEntity, id: string, conflicts: FieldConflict[]) {
  if (!conflicts.length) {
    await trx.deleteFrom('sync_conflicts').where('entity', '=', entity).where('record_id', '=', id).execute()
    return
  }
  // The id stays the same from pull to pull, so the panel's "resolve" still finds it.
  await trx
    .insertInto('sync_conflicts')
    .values({ id: ctx.clock.newId(), entity, record_id: id, fields: JSON.stringify(conflicts), created_at: ctx.clock.now() })
    .onConflict((oc) => oc.columns(['entity', 'record_id']).doUpdateSet({ fields: JSON.stringify(conflicts) }))
    .execute()
}

/** Requeues a record the server deleted while it had local edits: the edits win, it is created again. */
async function requeueAsCreate(trx: SyncTrx, ctx: SyncContext, entity: SyncEntity, id: string) {
  await setRemoteId(trx, entity, id, null)
  await dropSyncState(trx, entity, id)
  await trx.deleteFrom('outbox').where('entity', '=', entity as 'account').where('record_id', '=', id).execute()
  await trx
    .insertInto('outbox')
    .values({ entity: entity as 'account', record_id: id, op: 'create', fields: '[]', remote_id: null, parent_entity: null, parent_remote_id: null, created_at: ctx.clock.now() })
    .execute()
}

/** Pending local work under a record (its own edits, or new children) that a server delete must not wipe. */
async function hasLocalWorkUnder(trx: SyncTrx, entity: RecordType, id: string, pending: Pending): Promise<boolean> {
  if (pending.records.has(`${entity}:${id}`)) return true
  const column = `${entity}_id` as 'account_id'
  for (const child of ['comment', 'attachment'] as const) {
    const rows = await trx.selectFrom(TABLE[child]).select('id').where(column, '=', id).execute()
    if (rows.some((r) => pending.records.has(`${child}:${r.id}`))) return true
  }
  if (entity === 'account') {
    const emails = await trx.selectFrom('account_emails').select('id').where('account_id', '=', id).execute()
    if (emails.some((r) => pending.records.has(`email:${r.id}`))) return true
    const cases = await trx.selectFrom('cases').select('id').where('account_id', '=', id).execute()
    for (const c of cases) if (await hasLocalWorkUnder(trx, 'case', c.id, pending)) return true
  }
  return false
}

/**
 * The last-seen server state without links to records deleted here. The
 * server still names such a record until our delete reaches it, but the
 * pulled list leaves it out (it maps to nothing here): compared with the full
 * snapshot, the server would look changed, and a local edit of the same list
 * would show as a conflict the laptop caused itself.
 */
function withoutDeletedHere(st: ApplyState, base: Values): Values {
  const out = { ...base }
  for (const [field, entity] of [['contact_ids', 'contact'], ['tag_ids', 'tag']] as const) {
    if (!Array.isArray(out[field])) continue
    // Taken once per pull: records inserted by this pull are in no snapshot yet.
    const here = (st.here[entity] ??= new Set(st.maps[entity].values()))
    out[field] = (out[field] as string[]).filter((id) => here.has(id))
  }
  return out
}

interface ApplyState {
  /** Server ids whose details this pull read: their list entries count as seen. */
  detailsRead: Set<string>
  /** Local ids of the contacts and tags here that the server has, for withoutDeletedHere. */
  here: Partial<Record<'contact' | 'tag', Set<string>>>
  ctx: SyncContext
  trx: SyncTrx
  maps: Maps
  pending: Pending
  result: PullResult
  changed: Set<string>
}

/** Merges one server record (or tag or comment) into its local twin, or inserts it. */
async function applyOne(st: ApplyState, entity: SyncEntity, obj: Obj, extra: () => Record<string, unknown>, parent?: { kind: RecordType; scope: string }) {
  const parentKind = parent?.kind
  const { trx, maps, pending, result, ctx } = st
  const remoteId = String(obj['id'])
  if (pending.deletes.get(entity)?.has(remoteId)) return
  // A case of an account deleted here went with it (both sides cascade): the pushed delete takes it on the server too.
  if (entity === 'case' && pending.deletes.get('account')?.has(idOf(obj['account']) ?? '')) return
  const toLocal = (e: SyncEntity, r: string) => maps[e].get(r)
  const sv = fromServer(entity, obj, toLocal)
  const problem = problemWith(entity, sv)
  if (problem) {
    result.setAside.push({ entity, scope: parent?.scope ?? listScope(entity as RecordType), remoteId, title: titleOfServer(entity, obj), reason: problem })
    return
  }
  const now = ctx.clock.now()
  let localId = maps[entity].get(remoteId)
  let base: Values | null
  if (!localId) {
    const adopt = entity === 'comment' ? null : await adoptable(trx, entity, sv, pending)
    if (adopt) {
      localId = adopt
      await setRemoteId(trx, entity, adopt, remoteId)
      maps[entity].set(remoteId, adopt)
      // Our own create whose answer was lost: the local values are what we meant to send.
      // Someone else's record with the same name: every difference is for the user to settle.
      base = pending.attempted.has(`${entity}:${adopt}`) ? sv : null
    } else {
      if (await clashes(trx, entity, sv, null)) {
        result.skipped.push(`${entity} ${String(obj['name'] ?? obj['email'] ?? remoteId)}`)
        return
      }
      localId = ctx.clock.newId()
      await insertLocal(trx, entity, localId, remoteId, sv, extra(), now)
      maps[entity].set(remoteId, localId)
      const fresh: Values = parentKind ? { ...sv, _parent: parentKind } : { ...sv }
      if (st.detailsRead.has(remoteId) && entity !== 'tag' && entity !== 'comment') fresh['_entry'] = entryHash(obj)
      await writeSnapshot(trx, entity, localId, fresh, true)
      result.inserted++
      st.changed.add(entity)
      return
    }
  } else base = await readSnapshot(trx, entity, localId)
  const rec = await readLocal(trx, entity, localId)
  if (!rec) return
  const { apply, conflicts } = mergeFields(SYNCED_FIELDS[entity], base && withoutDeletedHere(st, base), rec.values, sv)
  if (Object.keys(apply).length && (await clashes(trx, entity, apply, localId))) {
    delete apply['name']
    delete apply['email']
    result.skipped.push(`${entity} ${String(obj['name'] ?? obj['email'] ?? remoteId)}`)
  }
  if (Object.keys(apply).length) {
    await applyToLocal(trx, entity, rec, apply, now)
    result.updated++
    st.changed.add(entity)
  }
  await saveConflicts(trx, ctx, entity, localId, conflicts)
  result.conflicts += conflicts.length ? 1 : 0
  const snapshot: Values = { ...sv }
  for (const c of conflicts) {
    if (base && c.field in base) snapshot[c.field] = base[c.field]
    else delete snapshot[c.field]
  }
  if (parentKind) snapshot['_parent'] = parentKind
  // Kept only while its details are up to date with it (read now, or the entry is the one they were read for):
  // otherwise a later 'changed' pull would skip the record.
  if (entity === 'account' || entity === 'contact' || entity === 'case') {
    const entry = entryHash(obj)
    if (st.detailsRead.has(remoteId) || (base && base['_entry'] === entry)) snapshot['_entry'] = entry
  }
  await writeSnapshot(trx, entity, localId, snapshot, true)
}

async function deleteLocal(st: ApplyState, entity: SyncEntity, id: string, hashes: string[]) {
  if (entity === 'attachment') {
    const row = await st.trx.selectFrom('attachments').select('sha256').where('id', '=', id).executeTakeFirst()
    if (row) hashes.push(row.sha256)
  }
  await st.trx.deleteFrom(TABLE[entity] as 'accounts').where('id', '=', id).execute()
  await dropSyncState(st.trx, entity, id)
  st.result.deleted++
  st.changed.add(entity)
}

interface Download {
  remoteId: string
  scope: string
  parent: { type: RecordType; id: string }
  fileName: string
}

/**
 * One pull. Throws (changing nothing) if any listing fails, so a partial
 * listing never deletes. Comments and attachments come only from each
 * record's detail (one request per record), so they are read when `details`
 * is on; the engine does that on demand and every so often, not after every edit.
 */
export async function pullAll(ctx: SyncContext, options: { details?: DetailsToRead | boolean } = {}): Promise<PullResult> {
  const setAside: SetAside[] = []
  const details = options.details ?? true
  const fetched = await fetchAll(ctx, details === true ? 'all' : details, setAside)
  const result: PullResult = { inserted: 0, updated: 0, deleted: 0, conflicts: 0, downloaded: 0, downloadsLeft: 0, detailsLeft: fetched.detailsLeft, changed: [], skipped: [], setAside }
  const changed = new Set<string>()
  const hashes: string[] = []
  const downloads: Download[] = []
  await ctx.db.transaction().execute(async (trx) => {
    const st: ApplyState = { detailsRead: new Set(fetched.details.map((d) => d.remoteId)), here: {}, ctx, trx, maps: await loadMaps(trx), pending: await pendingOf(trx), result, changed }
    for (const tag of fetched.tags) {
      await applyOne(st, 'tag', tag, () => ({ name: String(tag['name']), slug: slugify(String(tag['name'])) }))
    }
    for (const kind of RECORD_TYPES) {
      for (const obj of fetched.records[kind]) await applyOne(st, kind, obj, () => ({}))
      for (const remoteId of fetched.gone[kind]) {
        const id = st.maps[kind].get(remoteId)
        if (!id) continue
        if (await hasLocalWorkUnder(trx, kind, id, st.pending)) await requeueAsCreate(trx, ctx, kind, id)
        else await deleteLocal(st, kind, id, hashes)
        st.maps[kind].delete(remoteId)
      }
    }
    for (const detail of fetched.details) {
      const parentId = st.maps[detail.kind].get(detail.remoteId)
      if (!parentId) continue
      const column = `${detail.kind}_id` as const
      // The server's status history of the case, its echoes of our own changes matched (case-activities.ts).
      if (detail.kind === 'case' && (await applyCaseActivities(trx, parentId, detail.activities, ctx.clock))) changed.add('case')
      const parentColumns = { account_id: null, contact_id: null, case_id: null, [column]: parentId }
      const seenComments = new Set<string>()
      for (const c of detail.comments) {
        seenComments.add(String(c['id']))
        // A comment of ours whose answer was lost: same parent, same text, not mapped yet.
        if (!st.maps.comment.has(String(c['id'])) && !st.pending.deletes.get('comment')?.has(String(c['id']))) {
          const mine = await trx
            .selectFrom('comments').select('id')
            .where(column, '=', parentId).where('remote_id', 'is', null).where('body', '=', String(c['comment'] ?? ''))
            .execute()
          const hit = mine.find((m) => st.pending.attempted.has(`comment:${m.id}`))
          if (hit) {
            await setRemoteId(trx, 'comment', hit.id, String(c['id']))
            st.maps.comment.set(String(c['id']), hit.id)
          }
        }
        await applyOne(st, 'comment', c, () => ({ ...parentColumns, is_internal: c['is_internal'] === true ? 1 : 0, author_id: null }), { kind: detail.kind, scope: detailScope(detail.kind, detail.remoteId) })
      }
      const seenFiles = new Set<string>()
      for (const a of detail.attachments) {
        const remoteId = String(a['id'])
        seenFiles.add(remoteId)
        if (st.maps.attachment.has(remoteId) || st.pending.deletes.get('attachment')?.has(remoteId)) continue
        const mine = await trx.selectFrom('attachments').select(['id', 'file_name']).where(column, '=', parentId).where('remote_id', 'is', null).execute()
        const hit = mine.find((m) => st.pending.attempted.has(`attachment:${m.id}`) && fileLabel(m.file_name) === a['file_name'])
        if (hit) {
          await setRemoteId(trx, 'attachment', hit.id, remoteId)
          st.maps.attachment.set(remoteId, hit.id)
          continue
        }
        // Shown in lists and used to open the file: no control characters, no right-to-left override.
        downloads.push({ remoteId, scope: detailScope(detail.kind, detail.remoteId), parent: { type: detail.kind, id: parentId }, fileName: printable(String(a['file_name'] ?? ''), 255) || 'file' })
      }
      if (detail.kind === 'account') {
        const emails = await applyAccountEmails(trx, ctx, parentId, detail.emails)
        if (emails.changed) changed.add('email')
        if (emails.setAside) result.setAside.push({ entity: 'email', scope: detailScope(detail.kind, detail.remoteId), remoteId: detail.remoteId, title: `${emails.setAside} email(s) of an account`, reason: 'Not in the shape Django-CRM lists emails in' })
      }
      // Comments and attachments of this record that the server no longer has.
      for (const [entity, seen] of [['comment', seenComments], ['attachment', seenFiles]] as const) {
        const rows = await trx.selectFrom(TABLE[entity]).select(['id', 'remote_id']).where(column, '=', parentId).where('remote_id', 'is not', null).execute()
        for (const row of rows) {
          if (seen.has(row.remote_id!)) continue
          if (st.pending.records.has(`${entity}:${row.id}`)) await requeueAsCreate(trx, ctx, entity, row.id)
          else await deleteLocal(st, entity, row.id, hashes)
        }
      }
    }
  })
  if (hashes.length) await releaseUnused(ctx, hashes)
  // A file that will not come down must not hold back the records or the push: it waits for the next full round.
  await runLanes(downloads, (d) => d.remoteId, ctx.tuning.concurrency, async (d) => {
    try {
      if (await downloadOne(ctx, d)) {
        result.downloaded++
        changed.add('attachment')
      }
    } catch (error) {
      if (error instanceof AuthGoneError) throw error
      // A network fault: the next round reads every record's files again. No disk space, a file too large, a refused
      // download: this file waits (shown) for "Sync now" or the next sweep, not every round; the others and the push go on.
      if (isTransient(error)) result.downloadsLeft++
      else result.setAside.push({ entity: 'attachment', scope: d.scope, remoteId: d.remoteId, title: printable(d.fileName, 80), reason: downloadProblem(error) })
    }
  }, () => false)
  // Every list was read whole, and the details of these records: their set-aside items are now exactly what this pull found.
  const read = new Set([listScope('tag'), ...RECORD_TYPES.map(listScope), ...fetched.details.map((d) => detailScope(d.kind, d.remoteId))])
  await keepSetAside(ctx, read, result.setAside)
  result.changed = [...changed]
  return result
}

/**
 * Stores what this pull set aside, for the sync panel across restarts: in each
 * scope the pull read, the items found replace the stored ones, so an item
 * goes once its record pulls cleanly (or is gone from the server); items of
 * scopes it did not read (a record whose details were not read) stay.
 */
async function keepSetAside(ctx: SyncContext, read: Set<string>, found: SetAside[]): Promise<void> {
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const stored = await trx.selectFrom('sync_set_aside').select(['entity', 'remote_id', 'scope']).execute()
    const still = new Set(found.map((f) => `${f.entity}:${f.remoteId}`))
    for (const row of stored) {
      if (read.has(row.scope) && !still.has(`${row.entity}:${row.remote_id}`)) {
        await trx.deleteFrom('sync_set_aside').where('entity', '=', row.entity).where('remote_id', '=', row.remote_id).execute()
      }
    }
    for (const f of found) {
      const row = { entity: f.entity, remote_id: f.remoteId, scope: f.scope, title: f.title, reason: f.reason, seen_at: now }
      await trx
        .insertInto('sync_set_aside')
        .values(row)
        .onConflict((oc) => oc.columns(['entity', 'remote_id']).doUpdateSet({ scope: row.scope, title: row.title, reason: row.reason, seen_at: now }))
        .execute()
    }
  })
}

function downloadProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  // The store reports a full disk as its own AppError, with the disk-full message.
  if (code === 'ENOSPC' || code === 'EDQUOT' || (error as Error).message === DISK_FULL_MESSAGE) return 'Not enough free disk space for this file; it is tried again on a later sync'
  if (error instanceof FileTooLargeError) return printable(`${error.message}; it is tried again on a later full sync`)
  return printable(`Could not be downloaded: ${(error as Error).message}`)
}

/** Streams one server file into the attachment store, then records it (the file is in place before its row). */
async function downloadOne(ctx: SyncContext, d: Download): Promise<boolean> {
  const { sha256, size } = await withRetries(ctx, async () => {
    const { body, declaredBytes } = await ctx.client.download(`/api/attachments/${d.remoteId}/download/`)
    // A server file is never larger than the server accepts, nor than it declared: an endless body is cut off.
    const cap = new DownloadCap(MAX_DOWNLOAD_BYTES, declaredBytes)
    const refused = cap.refusalUpfront()
    if (refused) {
      await body.cancel().catch(() => undefined)
      throw refused
    }
    try {
      // Held until its row commits, so a concurrent delete of equal content cannot remove it.
      // The store removes its partial file whatever stops the copy.
      return await ctx.files.importStream(Readable.fromWeb(cap.watch(body) as WebReadableStream), { hold: true })
    } catch (error) {
      throw cap.error ?? error
    }
  })
  const now = ctx.clock.now()
  let recorded = false
  try {
    recorded = await recordDownload(ctx, d, sha256, size, now)
  } finally {
    ctx.files.settle(sha256)
    if (!recorded) await releaseUnused(ctx, [sha256])
  }
  return recorded
}

async function releaseUnused(ctx: SyncContext, hashes: string[]): Promise<void> {
  await ctx.files.release(hashes, async (sha256) => {
    const row = await ctx.db.selectFrom('attachments').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst()
    return row !== undefined
  })
}

async function recordDownload(ctx: SyncContext, d: Download, sha256: string, size: number, now: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const parent = await trx.selectFrom(TABLE[d.parent.type]).select('id').where('id', '=', d.parent.id).executeTakeFirst()
    const known = await trx.selectFrom('attachments').select('id').where('remote_id', '=', d.remoteId).executeTakeFirst()
    if (!parent || known) return false
    const id = ctx.clock.newId()
    await trx
      .insertInto('attachments')
      .values({
        id,
        remote_id: d.remoteId,
        account_id: d.parent.type === 'account' ? d.parent.id : null,
        contact_id: d.parent.type === 'contact' ? d.parent.id : null,
        case_id: d.parent.type === 'case' ? d.parent.id : null,
        file_name: d.fileName,
        size,
        mime_type: mime.lookup(d.fileName) || 'application/octet-stream',
        sha256,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await writeSnapshot(trx, 'attachment', id, { _parent: d.parent.type }, true)
    return true
  })
}
