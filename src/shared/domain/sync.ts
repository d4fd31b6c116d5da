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

/** A server record or file the last pull did not take in (it breaks the local rules, or does not fit on disk). */
export interface SyncSetAside {
  entity: string
  remoteId: string
  title: string
  reason: string
}

export interface SyncIssues {
  pending: SyncItem[]
  failed: SyncItem[]
  conflicts: SyncConflict[]
  setAside: SyncSetAside[]
}

/** This machine: the only place plain http:// cannot be read by someone on the way. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

/**
 * Where the server is. The credential goes with every request, so plain
 * http:// is refused unless the server is on this machine, and a user:password@
 * part is refused rather than stored (it would sit in the database and in
 * every export). The value kept is the address without query or fragment.
 */
/** The address as the WHATWG parser reads it (zod's URL check is looser), or null. */
function parsedUrl(value: string): URL | null {
  try {
    return new URL(value)
  } catch {
    return null
  }
}

export const serverUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, message: 'A server address starting with https://' }))
  .superRefine((value, ctx) => {
    const url = parsedUrl(value)
    if (!url) return void ctx.addIssue({ code: 'custom', message: 'A server address starting with https://' })
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'Leave the user name and password out of the address; sign in with a token or an emailed code' })
    }
    if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
      ctx.addIssue({ code: 'custom', message: 'Plain http:// would send the sign-in unencrypted: use https:// (http:// only for a server on this computer)' })
    }
  })
  .transform((value) => {
    // Also runs after a refused value (zod does not stop at a refinement's issue): then it changes nothing.
    const url = parsedUrl(value)
    return url ? `${url.origin}${url.pathname.replace(/\/+$/, '')}` : value
  })

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
