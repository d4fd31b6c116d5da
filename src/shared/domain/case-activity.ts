import { z } from 'zod'
import { CASE_STATUSES, type CaseStatus } from './choices'

// One row of a case's `activities` in the server's case detail (Django-CRM
// ActivitySerializer; docs/django-crm-email-mentions-notes.md, section 5), as
// far as the app shows it: the case's creation, status changes and a reopen by
// a customer reply. Hostile until parsed here; a row that does not fit is
// left out, the others are kept.

const SERVER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const status = z.enum(CASE_STATUSES)

const activityRow = z.object({
  id: z.string().regex(SERVER_ID),
  action: z.string().max(40),
  // Null on the rows the server's signals write (it finds no actor there).
  user: z
    .object({ user_details: z.object({ email: z.email().max(254) }) })
    .nullable()
    .optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  // With an offset: the server renders times in the organisation's time zone.
  created_at: z.iso.datetime({ offset: true }),
})

export interface ServerCaseActivity {
  remoteId: string
  kind: 'created' | 'status' | 'reopened'
  before: CaseStatus | null
  after: CaseStatus | null
  actorEmail: string | null
  /** ISO-8601 UTC. */
  at: string
}

/** At most this many rows of one case are read (the detail holds the newest 20). */
export const MAX_ACTIVITIES = 100

/** The shown rows of a server case detail's `activities`; anything malformed or of another kind is left out. */
export function caseActivitiesIn(detail: unknown): ServerCaseActivity[] {
  const list = detail && typeof detail === 'object' ? (detail as Record<string, unknown>)['activities'] : undefined
  if (!Array.isArray(list)) return []
  const out: ServerCaseActivity[] = []
  for (const raw of list.slice(0, MAX_ACTIVITIES)) {
    const parsed = activityRow.safeParse(raw)
    if (!parsed.success) continue
    const a = parsed.data
    const meta = a.metadata ?? {}
    const base = { remoteId: a.id.toLowerCase(), actorEmail: a.user?.user_details.email ?? null, at: new Date(a.created_at).toISOString() }
    if (a.action === 'CREATE') out.push({ ...base, kind: 'created', before: null, after: null })
    else if (a.action === 'STATUS_CHANGED') {
      const before = status.safeParse(meta['before'])
      const after = status.safeParse(meta['after'])
      if (before.success && after.success) out.push({ ...base, kind: 'status', before: before.data, after: after.data })
    } else if (a.action === 'REOPENED') {
      const after = status.safeParse(meta['to_status'])
      out.push({ ...base, kind: 'reopened', before: null, after: after.success ? after.data : null })
    }
  }
  return out
}
