import { z } from 'zod'

// What the renderer sees of sync. The sync module (src/main/sync) fills it in;
// until a server is connected the state is 'local-only'.

export const SYNC_STATES = ['local-only', 'offline', 'idle', 'syncing', 'error', 'needs-login'] as const
export type SyncState = (typeof SYNC_STATES)[number]

export interface SyncStatus {
  state: SyncState
  serverUrl: string | null
  org: { id: string; name: string } | null
  lastSyncAt: string | null
  pending: number
  failed: number
  conflicts: number
  progress: { done: number; total: number } | null
  /** A sentence for the user when something needs attention. */
  message: string | null
}

/** A local change that has not reached the server. */
export interface SyncItem {
  seq: number
  entity: string
  recordId: string
  op: 'create' | 'update' | 'delete'
  title: string
  error: string | null
  attempts: number
}

/** A record changed on both sides since the last sync. */
export interface SyncConflict {
  id: string
  entity: string
  recordId: string
  title: string
  fields: { field: string; local: unknown; server: unknown }[]
}

export interface SyncIssues {
  pending: SyncItem[]
  failed: SyncItem[]
  conflicts: SyncConflict[]
}

const serverUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, message: 'A server address starting with https:// (or http:// on a local network)' }))

export const syncConnectToken = z
  .object({ serverUrl, token: z.string().trim().regex(/^bcrm_pat_[A-Za-z0-9_-]{8,200}$/, { message: 'A personal access token starts with bcrm_pat_' }) })
  .strict()
export const syncRequestCode = z.object({ serverUrl, email: z.email({ message: 'Not a valid email address' }) }).strict()
export const syncVerifyCode = z
  .object({ serverUrl, email: z.email(), code: z.string().trim().regex(/^\d{6}$/, { message: 'The code has 6 digits' }) })
  .strict()
export const syncChooseOrg = z.object({ orgId: z.uuid() }).strict()
export const syncRetry = z.object({ seq: z.number().int().positive().optional() }).strict()
export const syncResolve = z
  .object({ id: z.string().min(1).max(100), keep: z.enum(['local', 'server']) })
  .strict()

export interface OrgChoice {
  id: string
  name: string
  role: string
}
