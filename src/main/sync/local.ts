import { textKey } from '../records/keys'
import { contactNameKey } from '../contacts/queries'
import { slugify } from '../lookups/handlers'
import { BOOLEAN_FIELDS, canonical, SYNCED_FIELDS, type SyncEntity, type Values } from './fields'
import { perType } from '../db/prepared'
import { perEntity, prepareSync } from './prepared'
import type { SyncQ, SyncTrx } from './schema'

// Reading and writing local rows "in local terms" for sync. Writes here are
// the server's changes: they never record an outbox entry.

export const TABLE = {
  tag: 'tags',
  account: 'accounts',
  contact: 'contacts',
  case: 'cases',
  comment: 'comments',
  attachment: 'attachments',
  email: 'account_emails',
} as const

const TAG_LINKS = { account: ['account_tags', 'account_id'], contact: ['contact_tags', 'contact_id'], case: ['case_tags', 'case_id'] } as const

const rowOf = perEntity((entity) =>
  prepareSync((db, v: { id: string }) => db.selectFrom(TABLE[entity] as 'accounts').selectAll().where('id', '=', v.id)),
)
const tagIdsOf = perType((type) => {
  const [table, key] = TAG_LINKS[type]
  return prepareSync((db, v: { id: string }) => db.selectFrom(table as 'account_tags').select('tag_id').where(key as 'account_id', '=', v.id))
})
const contactIdsOfCase = prepareSync((db, v: { id: string }) => db.selectFrom('case_contacts').select('contact_id').where('case_id', '=', v.id))
const remoteIdQuery = perEntity((entity) =>
  prepareSync((db, v: { id: string }) => db.selectFrom(TABLE[entity] as 'accounts').select('remote_id').where('id', '=', v.id)),
)
const setRemoteIdQuery = perEntity((entity) =>
  prepareSync((db, v: { id: string; remoteId: string | null }) =>
    db.updateTable(TABLE[entity] as 'accounts').set({ remote_id: v.remoteId }).where('id', '=', v.id),
  ),
)
const snapshotQuery = prepareSync((db, v: { entity: string; id: string }) =>
  db.selectFrom('sync_snapshots').select('data').where('entity', '=', v.entity).where('record_id', '=', v.id),
)
const saveSnapshotQuery = prepareSync((db, v: { entity: string; id: string; data: string }) =>
  db
    .insertInto('sync_snapshots')
    .values({ entity: v.entity, record_id: v.id, data: v.data })
    .onConflict((oc) => oc.columns(['entity', 'record_id']).doUpdateSet({ data: v.data })),
)
const dropSnapshotQuery = prepareSync((db, v: { entity: string; id: string }) =>
  db.deleteFrom('sync_snapshots').where('entity', '=', v.entity).where('record_id', '=', v.id),
)
const dropConflictsQuery = prepareSync((db, v: { entity: string; id: string }) =>
  db.deleteFrom('sync_conflicts').where('entity', '=', v.entity).where('record_id', '=', v.id),
)

export interface LocalRecord {
  id: string
  remoteId: string | null
  values: Values
  /** The raw row, for parents, names and files. */
  row: Record<string, unknown>
}

export async function readLocal(db: SyncQ, entity: SyncEntity, id: string): Promise<LocalRecord | undefined> {
  const row = (await rowOf[entity].first(db, { id })) as Record<string, unknown> | undefined
  if (!row) return undefined
  const values: Values = {}
  for (const field of SYNCED_FIELDS[entity]) if (field in row) values[field] = canonical(field, row[field])
  if (entity === 'account' || entity === 'contact' || entity === 'case') {
    const tags = await tagIdsOf[entity].all(db, { id })
    values['tag_ids'] = canonical('tag_ids', tags.map((t) => t.tag_id))
  }
  if (entity === 'case') {
    const contacts = await contactIdsOfCase.all(db, { id })
    values['contact_ids'] = canonical('contact_ids', contacts.map((c) => c.contact_id))
  }
  return { id, remoteId: (row['remote_id'] as string | null) ?? null, values, row }
}

/** Column values for `values` (booleans as 0/1) plus the derived key columns. */
function columnsFor(entity: SyncEntity, values: Values, current: Record<string, unknown> | undefined): Record<string, unknown> {
  const columns: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(values)) {
    if (field === 'tag_ids' || field === 'contact_ids') continue
    columns[field] = BOOLEAN_FIELDS.has(field) ? (value ? 1 : 0) : value
  }
  if ((entity === 'account' || entity === 'case') && typeof values['name'] === 'string') columns['name_key'] = textKey(values['name'])
  if (entity === 'contact') {
    if ('first_name' in values || 'last_name' in values) {
      const first = (values['first_name'] ?? current?.['first_name']) as string
      const last = (values['last_name'] ?? current?.['last_name']) as string
      columns['name_key'] = contactNameKey(first, last)
    }
    if ('email' in values) columns['email_key'] = values['email'] ? textKey(values['email'] as string) : null
  }
  // A tag renamed on the server is renamed here too; its slug (what identifies it) follows its name.
  if (entity === 'tag' && typeof values['name'] === 'string') columns['slug'] = slugify(values['name'])
  return columns
}

async function writeLists(trx: SyncTrx, entity: SyncEntity, id: string, values: Values): Promise<void> {
  if (entity !== 'account' && entity !== 'contact' && entity !== 'case') return
  if (Array.isArray(values['tag_ids'])) {
    const [table, key] = TAG_LINKS[entity]
    await trx.deleteFrom(table as 'account_tags').where(key as 'account_id', '=', id).execute()
    const ids = values['tag_ids'] as string[]
    if (ids.length) await trx.insertInto(table as 'account_tags').values(ids.map((t) => ({ [key]: id, tag_id: t }) as never)).execute()
  }
  if (entity === 'case' && Array.isArray(values['contact_ids'])) {
    await trx.deleteFrom('case_contacts').where('case_id', '=', id).execute()
    const ids = values['contact_ids'] as string[]
    if (ids.length) await trx.insertInto('case_contacts').values(ids.map((contact_id) => ({ case_id: id, contact_id }))).execute()
  }
}

/** Applies server values to an existing local record (no outbox entry). */
export async function applyToLocal(trx: SyncTrx, entity: SyncEntity, current: LocalRecord, values: Values, now: string): Promise<void> {
  const columns = columnsFor(entity, values, current.row)
  const set = { ...columns, updated_at: now, version: (current.row['version'] as number) + 1 }
  await trx.updateTable(TABLE[entity] as 'accounts').set(set as never).where('id', '=', current.id).execute()
  await writeLists(trx, entity, current.id, values)
}

/** Inserts a record that exists only on the server (no outbox entry). */
export async function insertLocal(
  trx: SyncTrx,
  entity: SyncEntity,
  id: string,
  remoteId: string,
  values: Values,
  extra: Record<string, unknown>,
  now: string,
): Promise<void> {
  const columns = { ...columnsFor(entity, values, undefined), ...extra, id, remote_id: remoteId, created_at: now, updated_at: now }
  await trx.insertInto(TABLE[entity] as 'accounts').values(columns as never).execute()
  await writeLists(trx, entity, id, values)
}

export async function setRemoteId(trx: SyncTrx, entity: SyncEntity, id: string, remoteId: string | null): Promise<void> {
  await setRemoteIdQuery[entity].run(trx, { id, remoteId })
}

/** remote id -> local id, for one table. */
export async function remoteToLocal(db: SyncQ, entity: SyncEntity): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom(TABLE[entity] as 'accounts')
    .select(['id', 'remote_id'])
    .where('remote_id', 'is not', null)
    .execute()
  return new Map(rows.map((r) => [r.remote_id!, r.id]))
}

export async function remoteIdOf(db: SyncQ, entity: SyncEntity, id: string): Promise<string | null> {
  const row = await remoteIdQuery[entity].first(db, { id })
  return row?.remote_id ?? null
}

export async function readSnapshot(db: SyncQ, entity: SyncEntity, id: string): Promise<Values | null> {
  const row = await snapshotQuery.first(db, { entity, id })
  return row ? (JSON.parse(row.data) as Values) : null
}

/** Merges `values` into the stored snapshot (the server's state as last seen). */
export async function writeSnapshot(trx: SyncTrx, entity: SyncEntity, id: string, values: Values, replace = false): Promise<void> {
  const before = replace ? {} : ((await readSnapshot(trx, entity, id)) ?? {})
  const data = JSON.stringify({ ...before, ...values })
  await saveSnapshotQuery.run(trx, { entity, id, data })
}

export async function dropSyncState(trx: SyncTrx, entity: SyncEntity, id: string): Promise<void> {
  await dropSnapshotQuery.run(trx, { entity, id })
  await dropConflictsQuery.run(trx, { entity, id })
}

/** A short name for the user: the record's name, a comment's start, a file name. */
export function titleOf(entity: SyncEntity, row: Record<string, unknown> | undefined): string {
  if (!row) return ''
  if (entity === 'contact') return `${String(row['first_name'] ?? '')} ${String(row['last_name'] ?? '')}`.trim()
  if (entity === 'comment') return String(row['body'] ?? '').slice(0, 60)
  if (entity === 'attachment') return String(row['file_name'] ?? '')
  if (entity === 'email') return `Email: ${String(row['subject'] ?? '')}`.slice(0, 80)
  return String(row['name'] ?? '')
}
