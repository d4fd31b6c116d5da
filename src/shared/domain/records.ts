import type { AccountEmail } from './emails'
import type { CasePriority, CaseStatus, CaseType, Industry, ParentType, TagColor } from './choices'

// The shapes the main process returns. Timestamps are ISO-8601 UTC strings,
// `version` counts local edits (sync uses it to spot concurrent changes).

export interface RecordMeta {
  id: string
  created_at: string
  updated_at: string
  version: number
}

export interface UserRef { id: string; name: string; email: string }
export interface TeamRef { id: string; name: string }
export interface Tag { id: string; name: string; color: TagColor }

export interface Account extends RecordMeta {
  name: string
  email: string | null
  phone: string | null
  website: string | null
  industry: Industry | null
  number_of_employees: number | null
  annual_revenue: string | null
  currency: string | null
  address_line: string | null
  city: string | null
  state: string | null
  postcode: string | null
  country: string | null
  description: string | null
  is_active: boolean
}

export interface Contact extends RecordMeta {
  first_name: string
  last_name: string
  email: string | null
  phone: string | null
  organization: string | null
  title: string | null
  department: string | null
  do_not_call: boolean
  linkedin_url: string | null
  address_line: string | null
  city: string | null
  state: string | null
  postcode: string | null
  country: string | null
  description: string | null
  account_id: string | null
  is_active: boolean
}

export interface Case extends RecordMeta {
  name: string
  status: CaseStatus
  priority: CasePriority
  case_type: CaseType | null
  closed_on: string | null
  description: string | null
  account_id: string | null
  is_active: boolean
}

export interface ParentRef { type: ParentType; id: string }

export interface Comment extends RecordMeta {
  parent: ParentRef
  body: string
  is_internal: boolean
  author: UserRef | null
}

export interface Attachment extends RecordMeta {
  parent: ParentRef
  file_name: string
  size: number
  mime_type: string
  sha256: string
}

/**
 * A case's status history: its creation, each status change, and a reopen by
 * a customer reply (server only). `by` is the person's name (a local change)
 * or email (the server's, when it says); null when nobody is known.
 */
export interface StatusChange {
  id: string
  kind: 'created' | 'status' | 'reopened'
  before: CaseStatus | null
  after: CaseStatus | null
  by: string | null
  /** 'server': pulled from the server's case activities, not made on this computer. */
  origin: 'local' | 'server'
}

/** One entry of a record's timeline, newest first. */
export type TimelineEntry =
  | { kind: 'comment'; at: string; comment: Comment }
  | { kind: 'attachment'; at: string; attachment: Attachment }
  | { kind: 'status'; at: string; change: StatusChange }
  | { kind: 'email'; at: string; email: AccountEmail }

/** What every list row carries besides its own fields. */
export interface Relations {
  tags: Tag[]
  assignees: UserRef[]
  teams: TeamRef[]
}

export type AccountListItem = Account & { tags: Tag[]; contact_count: number; open_case_count: number }
export type ContactListItem = Contact & { tags: Tag[]; account_name: string | null }
export type CaseListItem = Case & { tags: Tag[]; account_name: string | null; assignees: UserRef[] }

export interface AccountDetail {
  account: Account & Relations
  contacts: Contact[]
  cases: Case[]
  timeline: TimelineEntry[]
  /** How many more cases and activity entries (the timeline but internal notes) there are than this answer carries. */
  unsent: { cases: number; activity: number }
}

export interface ContactDetail {
  contact: Contact & Relations
  account: { id: string; name: string } | null
  cases: Case[]
  timeline: TimelineEntry[]
}

export interface CaseDetail {
  case: Case & Relations
  account: { id: string; name: string } | null
  contacts: Contact[]
  timeline: TimelineEntry[]
}

export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}

export type SearchHitKind = 'account' | 'contact' | 'case' | 'comment'
export interface SearchHit {
  kind: SearchHitKind
  id: string
  title: string
  /** Short context around the match, for display only. */
  snippet: string
  /** For a comment: the record it belongs to, which is what opening the hit shows. */
  parent: ParentRef | null
}

export interface Lookups {
  me: UserRef
  users: UserRef[]
  teams: TeamRef[]
  tags: Tag[]
}
