import { textKey } from '../records/keys'
import type { SyncContext } from './context'
import type { RecordType, SyncEntity } from './fields'
import { TABLE } from './local'
import { KIND_PATH } from './wire'

// Finding on the server a record whose create may have succeeded although
// its answer was lost (a 5xx after the row was saved, a dropped connection).
// Only server records no local record is mapped to count, so a lookup can
// never steal another record's server twin.

/**
 * How cases are listed, in a pull and in a lookup alike: with inactive,
 * Duplicate and merged cases (hidden by default: a Duplicate case would never
 * come down, nor be found after a lost answer, and be posted again), and slim
 * (the full answer repeats every account and contact of the org on each page).
 */
export const CASE_LIST_QUERY: Readonly<Record<string, string>> = Object.freeze({ include_deleted: 'true', show_merged: 'true', slim: 'true' })

/** What identifies a record to create on the server, kept in the outbox once a create was tried. */
export interface LookupKey {
  entity: SyncEntity
  name?: string
  email?: string | null
  firstName?: string
  lastName?: string
  /** Comments and attachments: the parent on the server. */
  parentKind?: RecordType
  parentRemoteId?: string
  body?: string
  fileName?: string
}

async function unmapped(ctx: SyncContext, entity: SyncEntity, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const rows = await ctx.db.selectFrom(TABLE[entity] as 'accounts').select('remote_id').where('remote_id', 'in', ids).execute()
  const mapped = new Set(rows.map((r) => r.remote_id))
  return new Set(ids.filter((id) => !mapped.has(id)))
}

function list(body: unknown, ...path: string[]): Record<string, unknown>[] {
  let node: unknown = body
  for (const key of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined
  return Array.isArray(node) ? (node as Record<string, unknown>[]) : []
}

/** The /api/<kind>/<id>/ detail, for comments and attachments. */
export async function parentDetail(ctx: SyncContext, kind: RecordType, remoteId: string): Promise<Record<string, unknown>> {
  const { body } = await ctx.client.request<Record<string, unknown>>('GET', `/api/${KIND_PATH[kind]}/${remoteId}/`)
  return body
}

export function commentsIn(detail: unknown): Record<string, unknown>[] {
  return [...list(detail, 'comments'), ...list(detail, 'internal_notes')]
}

export function attachmentsIn(detail: unknown): Record<string, unknown>[] {
  return list(detail, 'attachments')
}

/** The server's 60-character label of a file name (longer names keep their extension). */
export function fileLabel(name: string): string {
  if (name.length <= 60) return name
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : ''
  return name.slice(0, 60 - ext.length) + ext
}

/** The server id of the record `key` describes, or null when it does not exist there. */
export async function findRemote(ctx: SyncContext, key: LookupKey): Promise<string | null> {
  let candidates: Record<string, unknown>[] = []
  let match: (o: Record<string, unknown>) => boolean
  switch (key.entity) {
    case 'tag': {
      const { body } = await ctx.client.request('GET', '/api/tags/', { query: { include_archived: 'true' } })
      candidates = list(body, 'tags')
      match = (o) => textKey(String(o['name'])) === textKey(key.name ?? '')
      break
    }
    case 'account': {
      const { body } = await ctx.client.request('GET', '/api/accounts/', { query: { name: key.name, limit: 100, offset: 0 } })
      candidates = [...list(body, 'active_accounts', 'open_accounts'), ...list(body, 'closed_accounts', 'close_accounts')]
      match = (o) => textKey(String(o['name'])) === textKey(key.name ?? '')
      break
    }
    case 'case': {
      const { body } = await ctx.client.request('GET', '/api/cases/', { query: { ...CASE_LIST_QUERY, name: key.name, limit: 100, offset: 0 } })
      candidates = list(body, 'cases')
      match = (o) => textKey(String(o['name'])) === textKey(key.name ?? '')
      break
    }
    case 'contact': {
      const query = key.email ? { email: key.email } : { name: key.firstName }
      const { body } = await ctx.client.request('GET', '/api/contacts/', { query: { ...query, limit: 100, offset: 0 } })
      candidates = list(body, 'results')
      match = key.email
        ? (o) => textKey(String(o['email'] ?? '')) === textKey(key.email!)
        : (o) => o['first_name'] === key.firstName && o['last_name'] === key.lastName
      break
    }
    case 'email':
      // Found by their body marker instead (push-email.ts).
      return null
    case 'comment':
    case 'attachment': {
      const detail = await parentDetail(ctx, key.parentKind!, key.parentRemoteId!)
      candidates = key.entity === 'comment' ? commentsIn(detail) : attachmentsIn(detail)
      match = key.entity === 'comment' ? (o) => o['comment'] === key.body : (o) => o['file_name'] === fileLabel(key.fileName ?? '')
      break
    }
  }
  const hits = candidates.filter(match).map((o) => String(o['id']))
  const free = await unmapped(ctx, key.entity, hits)
  return hits.find((id) => free.has(id)) ?? null
}
