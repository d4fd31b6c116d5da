import type { Generated } from 'kysely'

// Kysely's view of the tables created in migrations/. Booleans are stored as
// 0/1 integers (SQLite STRICT tables have no boolean type).

interface RecordColumns {
  seq: Generated<number>
  id: string
  remote_id: string | null
  created_at: string
  updated_at: string
  version: Generated<number>
}

interface AddressColumns {
  address_line: string | null
  city: string | null
  state: string | null
  postcode: string | null
  country: string | null
}

interface ParentColumns {
  account_id: string | null
  contact_id: string | null
  case_id: string | null
}

export interface UsersTable extends RecordColumns {
  email: string
  name: string
  role: 'ADMIN' | 'USER'
  is_me: number
  is_active: number
}

export interface TeamsTable extends RecordColumns {
  name: string
  name_key: string
  description: string | null
}

export interface TagsTable extends RecordColumns {
  name: string
  slug: string
  color: string
  is_active: number
}

export interface AccountsTable extends RecordColumns, AddressColumns {
  /** textKey(city), filled by triggers (migrations/0004_city_key.ts). */
  city_key: Generated<string | null>
  name: string
  name_key: string
  email: string | null
  phone: string | null
  website: string | null
  industry: string | null
  number_of_employees: number | null
  annual_revenue: string | null
  currency: string | null
  description: string | null
  is_active: number
  created_by: string | null
}

export interface ContactsTable extends RecordColumns, AddressColumns {
  /** textKey(city), filled by triggers (migrations/0004_city_key.ts). */
  city_key: Generated<string | null>
  first_name: string
  last_name: string
  name_key: string
  email: string | null
  email_key: string | null
  phone: string | null
  organization: string | null
  title: string | null
  department: string | null
  do_not_call: number
  linkedin_url: string | null
  description: string | null
  account_id: string | null
  is_active: number
  created_by: string | null
}

export interface CasesTable extends RecordColumns {
  name: string
  name_key: string
  status: string
  priority: string
  case_type: string | null
  closed_on: string | null
  description: string | null
  account_id: string | null
  is_active: number
  created_by: string | null
}

export interface CommentsTable extends RecordColumns, ParentColumns {
  body: string
  is_internal: number
  author_id: string | null
}

export interface AttachmentsTable extends RecordColumns, ParentColumns {
  file_name: string
  size: number
  mime_type: string
  sha256: string
  created_by: string | null
}

/** Email sent from an account (migrations/0014_account_emails.ts). */
export interface AccountEmailsTable extends RecordColumns {
  account_id: string
  origin: 'local' | 'server'
  /** Server emails have no id: our body marker, or a hash of their fields. */
  server_key: string | null
  from_email: string
  /** JSON list of local contact ids. */
  recipient_ids: string
  subject: string
  /** What the user wrote (the small markup of shared/email/markup.ts); null for server emails. */
  body_markup: string | null
  body_html: string
  body_text: string
  /** UTC ISO time, or null for "send now". */
  scheduled_at: string | null
  timezone: string
  state: 'queued' | 'sent' | 'scheduled' | 'recorded'
  /** The server rendered it for at least one recipient (its only delivery hint). */
  delivered: number
  created_by: string | null
}

export interface OutboxTable {
  seq: Generated<number>
  entity: 'account' | 'contact' | 'case' | 'comment' | 'attachment' | 'tag' | 'email'
  record_id: string
  op: 'create' | 'update' | 'delete'
  fields: string
  remote_id: string | null
  parent_entity: string | null
  parent_remote_id: string | null
  created_at: string
}

/** migrations/0012_case_history.ts */
export interface CaseHistoryTable {
  seq: Generated<number>
  id: string
  case_id: string
  kind: 'created' | 'status' | 'reopened'
  before: string | null
  after: string | null
  origin: 'local' | 'server'
  actor_id: string | null
  actor_email: string | null
  at: string
  remote_id: string | null
}

export interface RecentViewsTable {
  entity: 'account' | 'contact' | 'case'
  record_id: string
  viewed_at: string
}

export interface SearchIndexTable {
  rowid: number
  title: string
  body: string
  rank: number
  search_index: string
}

/** The last column mapping per record type and column titles (migrations/0016). */
export interface ImportMappingsTable {
  kind: string
  /** JSON list of the titles as keyed by remembered-mapping.ts. */
  headers: string
  /** JSON list of field names or null, one per column. */
  mapping: string
  updated_at: string
}

/** A table whose search indexes an import fills in bulk before it commits (migrations/0018, search/deferred-upkeep.ts). */
export interface IndexUpkeepDeferredTable {
  table_name: 'accounts' | 'contacts' | 'cases'
  /** Rows with a higher seq are left out of the indexes until the fill. */
  after_seq: number
}

export interface Database {
  users: UsersTable
  teams: TeamsTable
  team_members: { team_id: string; user_id: string }
  tags: TagsTable
  accounts: AccountsTable
  contacts: ContactsTable
  cases: CasesTable
  case_contacts: { case_id: string; contact_id: string }
  account_tags: { account_id: string; tag_id: string }
  contact_tags: { contact_id: string; tag_id: string }
  case_tags: { case_id: string; tag_id: string }
  account_assignees: { account_id: string; user_id: string }
  contact_assignees: { contact_id: string; user_id: string }
  case_assignees: { case_id: string; user_id: string }
  account_teams: { account_id: string; team_id: string }
  contact_teams: { contact_id: string; team_id: string }
  case_teams: { case_id: string; team_id: string }
  comments: CommentsTable
  attachments: AttachmentsTable
  account_emails: AccountEmailsTable
  outbox: OutboxTable
  search_index: SearchIndexTable
  case_history: CaseHistoryTable
  recent_views: RecentViewsTable
  import_mappings: ImportMappingsTable
  index_upkeep_deferred: IndexUpkeepDeferredTable
}
