// Which fields sync, per record type, and how two values of a field compare.
// Values are kept "in local terms": booleans as true/false, references as
// local ids, lists of references sorted. Assignees and teams are not synced
// (they name server profiles), so they are never sent and never wiped.

export const RECORD_TYPES = ['account', 'contact', 'case'] as const
export type RecordType = (typeof RECORD_TYPES)[number]
/** 'email': an email from an account, sent once to create_mail (push-email.ts); never merged. */
export type SyncEntity = 'tag' | RecordType | 'comment' | 'attachment' | 'email'
/** Every synced entity, parents before children. */
export const SYNC_ENTITIES: readonly SyncEntity[] = Object.freeze(['tag', ...RECORD_TYPES, 'comment', 'attachment', 'email'])

const ADDRESS = ['address_line', 'city', 'state', 'postcode', 'country'] as const

export const SYNCED_FIELDS: Readonly<Record<SyncEntity, readonly string[]>> = Object.freeze({
  tag: ['name', 'color', 'is_active'],
  account: [
    'name', 'email', 'phone', 'website', 'industry', 'number_of_employees', 'annual_revenue', 'currency',
    ...ADDRESS, 'description', 'is_active', 'tag_ids',
  ],
  contact: [
    'first_name', 'last_name', 'email', 'phone', 'organization', 'title', 'department', 'do_not_call',
    'linkedin_url', ...ADDRESS, 'description', 'account_id', 'is_active', 'tag_ids',
  ],
  case: ['name', 'status', 'priority', 'case_type', 'closed_on', 'description', 'account_id', 'is_active', 'contact_ids', 'tag_ids'],
  comment: ['body', 'is_internal'],
  attachment: [],
  email: [],
})

export const BOOLEAN_FIELDS: ReadonlySet<string> = new Set(['is_active', 'do_not_call', 'is_internal'])
export const LIST_FIELDS: ReadonlySet<string> = new Set(['tag_ids', 'contact_ids'])

export type Values = Record<string, unknown>

/** One representation per meaning: '' is null, money has two decimals, lists are sorted. */
export function canonical(field: string, value: unknown): unknown {
  if (value === undefined || value === '' || value === null) return LIST_FIELDS.has(field) ? [] : null
  if (LIST_FIELDS.has(field)) return [...(value as string[])].sort()
  if (BOOLEAN_FIELDS.has(field)) return value === true || value === 1
  if (field === 'annual_revenue') {
    const n = Number(value)
    return Number.isFinite(n) ? n.toFixed(2) : String(value)
  }
  return value
}

export function sameValue(field: string, a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(field, a)) === JSON.stringify(canonical(field, b))
}

/** Only the synced fields of `values`, canonical. */
export function syncedValues(entity: SyncEntity, values: Values): Values {
  const out: Values = {}
  for (const field of SYNCED_FIELDS[entity]) if (field in values) out[field] = canonical(field, values[field])
  return out
}
