import type { Transaction } from 'kysely'
import type { ParentType } from '../../shared/domain/choices'
import type { Database } from '../db/schema'
import { recordChange } from '../outbox/record'
import type { Services } from '../services'
import { flag } from './keys'
import { applyRelations } from './relations'

// The write steps shared by accounts, contacts and cases: turning validated
// input into columns, finding what an edit really changed, and recording each
// change in the outbox inside the same transaction.

export const RELATION_FIELDS = ['tag_ids', 'assignee_ids', 'team_ids', 'contact_ids'] as const
type RelationField = (typeof RELATION_FIELDS)[number]

type Input = Record<string, unknown>

/** The column values of validated input: relations left out, booleans as 0/1, undefined dropped. */
export function columnsOf(input: Input): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || (RELATION_FIELDS as readonly string[]).includes(key)) continue
    out[key] = typeof value === 'boolean' ? flag(value) : value
  }
  return out
}

/** Keys of `columns` whose value differs from the stored row. */
export function changedColumns(current: Record<string, unknown>, columns: Record<string, unknown>): string[] {
  return Object.keys(columns).filter((key) => current[key] !== columns[key])
}

const LINK_TABLE = {
  account: { tag_ids: ['account_tags', 'tag_id'], assignee_ids: ['account_assignees', 'user_id'], team_ids: ['account_teams', 'team_id'] },
  contact: { tag_ids: ['contact_tags', 'tag_id'], assignee_ids: ['contact_assignees', 'user_id'], team_ids: ['contact_teams', 'team_id'] },
  case: {
    tag_ids: ['case_tags', 'tag_id'],
    assignee_ids: ['case_assignees', 'user_id'],
    team_ids: ['case_teams', 'team_id'],
    contact_ids: ['case_contacts', 'contact_id'],
  },
} as const

/** The stored ids of one relation of one record. */
export async function linkedIds(trx: Transaction<Database>, type: ParentType, id: string, field: RelationField): Promise<string[]> {
  const spec = (LINK_TABLE[type] as Record<string, readonly [string, string]>)[field]
  if (!spec) return []
  const [table, column] = spec
  const rows = await trx
    .selectFrom(table as 'account_tags')
    .select(`${column} as linked` as 'tag_id as linked')
    .where(`${type}_id` as 'account_id', '=', id)
    .execute()
  return rows.map((r) => r.linked)
}

/** Relation fields in `input` whose id set differs from what is stored. */
export async function changedRelations(trx: Transaction<Database>, type: ParentType, id: string, input: Input): Promise<RelationField[]> {
  const changed: RelationField[] = []
  for (const field of RELATION_FIELDS) {
    const wanted = input[field] as string[] | undefined
    if (!wanted) continue
    const stored = await linkedIds(trx, type, id, field)
    const same = stored.length === wanted.length && wanted.every((w) => stored.includes(w))
    if (!same) changed.push(field)
  }
  return changed
}

/** Writes the relation fields of `input` (tags, assignees, teams; contacts of a case are the caller's). */
export async function writeRelations(trx: Transaction<Database>, type: ParentType, id: string, input: Input): Promise<void> {
  await applyRelations(trx, type, id, input as Parameters<typeof applyRelations>[3])
}

/**
 * Applies an edit to one row: only what changed is written, the version goes
 * up by one, and the outbox gets one 'update' naming the changed fields.
 * Returns false (and writes nothing) when the edit changes nothing.
 */
export async function updateRow(
  trx: Transaction<Database>,
  s: Services,
  table: 'accounts' | 'contacts' | 'cases',
  type: ParentType,
  current: Record<string, unknown> & { id: string; version: number },
  columns: Record<string, unknown>,
  relationInput: Input,
  extraColumns: Record<string, unknown> = {},
): Promise<boolean> {
  const changed = changedColumns(current, columns)
  const relations = await changedRelations(trx, type, current.id, relationInput)
  if (!changed.length && !relations.length) return false
  const now = s.clock.now()
  const set: Record<string, unknown> = { updated_at: now, version: current.version + 1, ...extraColumns }
  for (const key of changed) set[key] = columns[key]
  await trx.updateTable(table).set(set as never).where('id', '=', current.id).execute()
  await writeRelations(trx, type, current.id, Object.fromEntries(relations.map((f) => [f, relationInput[f]])))
  await recordChange(trx, { entity: type, recordId: current.id, op: 'update', fields: [...changed, ...relations] }, now)
  return true
}

/** Every attachment a delete of this record would remove (cascades included). */
export async function attachmentsUnder(trx: Transaction<Database>, type: ParentType, id: string): Promise<{ id: string; sha256: string }[]> {
  let q = trx.selectFrom('attachments').select(['id', 'sha256'])
  if (type === 'account') {
    q = q.where((eb) =>
      eb.or([eb('account_id', '=', id), eb('case_id', 'in', eb.selectFrom('cases').select('id').where('account_id', '=', id))]),
    )
  } else if (type === 'contact') q = q.where('contact_id', '=', id)
  else q = q.where('case_id', '=', id)
  return q.execute()
}

/** Deletes attachment content no row refers to any more. Runs after the commit. */
export async function releaseFiles(s: Services, hashes: string[]): Promise<void> {
  if (!hashes.length) return
  await s.files.release(hashes, async (sha256) => {
    const row = await s.db.kysely.selectFrom('attachments').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst()
    return row !== undefined
  })
}

/**
 * Deletes a record (SQLite cascades to its comments, attachments and, for an
 * account, its cases), records the delete in the outbox, then removes files
 * nothing refers to any more.
 */
export async function deleteRecord(
  s: Services,
  table: 'accounts' | 'contacts' | 'cases',
  type: ParentType,
  id: string,
  notFound: () => Error,
): Promise<void> {
  const attachments = await s.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom(table).select(['id', 'remote_id']).where('id', '=', id).executeTakeFirst()
    if (!row) throw notFound()
    const attachments = await attachmentsUnder(trx, type, id)
    await trx.deleteFrom(table).where('id', '=', id).execute()
    await recordChange(trx, { entity: type, recordId: id, op: 'delete', remoteId: row.remote_id }, s.clock.now())
    return attachments
  })
  s.onLocalChange?.()
  // The named links for opening are hard links: left behind, they would keep the content on disk.
  for (const a of attachments) await s.files.forgetOpened(a.id)
  await releaseFiles(s, attachments.map((a) => a.sha256))
}
