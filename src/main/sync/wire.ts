import type { RecordType, SyncEntity, Values } from './fields'
import { canonical } from './fields'

// Field-by-field translation between local records and Django-CRM's JSON
// (see ../shared/django-crm-api.md, sections 5-7).

export const KIND_PATH: Readonly<Record<RecordType, string>> = Object.freeze({ account: 'accounts', contact: 'contacts', case: 'cases' })

/** Maps a local id to its server id; undefined when the record has not reached the server. */
export type ToRemote = (entity: SyncEntity, localId: string) => string | undefined
/** Maps a server id to its local id; undefined when it is not known locally. */
export type ToLocal = (entity: SyncEntity, remoteId: string) => string | undefined

const SERVER_NAME: Readonly<Record<string, string>> = Object.freeze({
  tag_ids: 'tags',
  contact_ids: 'contacts',
  account_id: 'account',
  body: 'comment',
})

/** The local references in `values` that must exist on the server before it can be sent. */
export function referencesOf(values: Values): { entity: SyncEntity; id: string }[] {
  const refs: { entity: SyncEntity; id: string }[] = []
  if (typeof values['account_id'] === 'string') refs.push({ entity: 'account', id: values['account_id'] })
  for (const id of (values['contact_ids'] as string[] | undefined) ?? []) refs.push({ entity: 'contact', id })
  for (const id of (values['tag_ids'] as string[] | undefined) ?? []) refs.push({ entity: 'tag', id })
  return refs
}

/** The JSON body for `values`; references become server ids (the caller checked they all have one). */
export function toServer(values: Values, remote: ToRemote): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(values)) {
    const name = SERVER_NAME[field] ?? field
    if (field === 'tag_ids') body[name] = (value as string[]).map((id) => remote('tag', id)!)
    else if (field === 'contact_ids') body[name] = (value as string[]).map((id) => remote('contact', id)!)
    else if (field === 'account_id') body[name] = value ? remote('account', value as string)! : null
    else body[name] = value
  }
  return body
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

export function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id
  return null
}

function localIds(entity: SyncEntity, list: unknown, local: ToLocal): string[] {
  if (!Array.isArray(list)) return []
  const out: string[] = []
  for (const item of list) {
    const remoteId = idOf(item)
    const id = remoteId ? local(entity, remoteId) : undefined
    if (id) out.push(id)
  }
  return out.sort()
}

const ADDRESS = (o: Record<string, unknown>): Values => ({
  address_line: text(o['address_line']),
  city: text(o['city']),
  state: text(o['state']),
  postcode: text(o['postcode']),
  country: text(o['country']),
})

/** A server object in local terms (only synced fields). */
export function fromServer(entity: SyncEntity, o: Record<string, unknown>, local: ToLocal): Values {
  switch (entity) {
    case 'tag':
      return { name: String(o['name'] ?? ''), color: text(o['color']) ?? 'blue', is_active: o['is_active'] !== false }
    case 'account':
      return {
        name: String(o['name'] ?? ''),
        email: text(o['email']),
        phone: text(o['phone']),
        website: text(o['website']),
        industry: text(o['industry']),
        number_of_employees: typeof o['number_of_employees'] === 'number' ? o['number_of_employees'] : null,
        annual_revenue: canonical('annual_revenue', o['annual_revenue']),
        currency: text(o['currency']),
        ...ADDRESS(o),
        description: text(o['description']),
        is_active: o['is_active'] !== false,
        tag_ids: localIds('tag', o['tags'], local),
      }
    case 'contact': {
      const account = idOf(o['account'])
      return {
        first_name: String(o['first_name'] ?? ''),
        last_name: String(o['last_name'] ?? ''),
        email: text(o['email']),
        phone: text(o['phone']),
        organization: text(o['organization']),
        title: text(o['title']),
        department: text(o['department']),
        do_not_call: o['do_not_call'] === true,
        linkedin_url: text(o['linkedin_url']),
        ...ADDRESS(o),
        description: text(o['description']),
        account_id: account ? (local('account', account) ?? null) : null,
        is_active: o['is_active'] !== false,
        tag_ids: localIds('tag', o['tags'], local),
      }
    }
    case 'case': {
      const account = idOf(o['account'])
      return {
        name: String(o['name'] ?? ''),
        status: String(o['status'] ?? 'New'),
        priority: String(o['priority'] ?? 'Normal'),
        case_type: text(o['case_type']),
        closed_on: text(o['closed_on']),
        description: text(o['description']),
        account_id: account ? (local('account', account) ?? null) : null,
        is_active: o['is_active'] !== false,
        contact_ids: localIds('contact', o['contacts'], local),
        tag_ids: localIds('tag', o['tags'], local),
      }
    }
    case 'comment':
      return { body: String(o['comment'] ?? ''), is_internal: o['is_internal'] === true }
    case 'attachment':
    case 'email':
      return {}
  }
}
