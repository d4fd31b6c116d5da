import type { Kysely, Selectable, Transaction } from 'kysely'
import type { z } from 'zod'
import type { contactListQuery } from '../../shared/domain/contacts'
import type { Contact, ContactListItem } from '../../shared/domain/records'
import { prepare, type Reads } from '../db/prepared'
import type { ContactsTable, Database } from '../db/schema'
import { bool, keyContains, textKey } from '../records/keys'
import { linkFilters, tagsOf } from '../records/relations'
import { contactTotal, walkSortOrder } from '../search/list-totals'
import { notIndexed, soleSubstringTotal, trigramCandidates, type SoleSubstring } from '../search/substring'

type Q = Kysely<Database> | Transaction<Database>
export type ContactListFilter = z.output<typeof contactListQuery>

export function toContact(row: Selectable<ContactsTable>): Contact {
  return {
    id: row.id,
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    phone: row.phone,
    organization: row.organization,
    title: row.title,
    department: row.department,
    do_not_call: bool(row.do_not_call),
    linkedin_url: row.linkedin_url,
    address_line: row.address_line,
    city: row.city,
    state: row.state,
    postcode: row.postcode,
    country: row.country,
    description: row.description,
    account_id: row.account_id,
    is_active: bool(row.is_active),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  }
}

/** "first last", lower-cased, for the name filter. */
export function contactNameKey(first: string, last: string): string {
  return textKey(`${first} ${last}`)
}

const CONTACT_BY_ID = prepare((db, v: { id: string }) => db.selectFrom('contacts').selectAll().where('id', '=', v.id))

const CONTACTS_OF_ACCOUNT = prepare((db, v: { id: string; limit: number }) =>
  db.selectFrom('contacts').selectAll().where('account_id', '=', v.id).orderBy('last_name').orderBy('first_name').limit(v.limit),
)

const CONTACTS_OF_CASE = prepare((db, v: { id: string }) =>
  db
    .selectFrom('contacts')
    .innerJoin('case_contacts', 'case_contacts.contact_id', 'contacts.id')
    .selectAll('contacts')
    .where('case_contacts.case_id', '=', v.id)
    .orderBy('contacts.last_name'),
)

export async function findContact(db: Reads, id: string) {
  return CONTACT_BY_ID.first(db, { id })
}

/** An account's contacts by name (the first `limit`), for its detail view. */
export async function contactsOfAccount(db: Reads, accountId: string, limit = 500): Promise<Contact[]> {
  return (await CONTACTS_OF_ACCOUNT.all(db, { id: accountId, limit })).map(toContact)
}

/** A case's contacts by last name, for its detail view. */
export async function contactsOfCase(db: Reads, caseId: string): Promise<Contact[]> {
  return (await CONTACTS_OF_CASE.all(db, { id: caseId })).map(toContact)
}

export async function contactIdByEmailKey(db: Q, emailKey: string): Promise<string | undefined> {
  const row = await db.selectFrom('contacts').select('id').where('email_key', '=', emailKey).executeTakeFirst()
  return row?.id
}

/** The name, email or city filter when it is the only one (besides the state), for soleSubstringTotal. */
function soleSubstring(f: ContactListFilter): SoleSubstring | undefined {
  if (f.account_id || f.tag_ids?.length || f.assignee_id || [f.name, f.email, f.city].filter(Boolean).length !== 1) return undefined
  if (f.name) return { table: 'contacts', index: 'contacts_trigram', column: 'name_key', term: f.name }
  if (f.email) return { table: 'contacts', index: 'contacts_trigram', column: 'email_key', term: f.email }
  return { table: 'contacts', index: 'contacts_city_trigram', column: 'city_key', term: f.city! }
}

/** `walk`: one tag or assignee linked to many contacts, or a sole name, email or city filter, checked per row along the sort order (see walkSortOrder). */
function filtered(db: Q, f: ContactListFilter, walk = false) {
  let q = db.selectFrom('contacts')
  if (f.name) q = q.where(keyContains('contacts.name_key', f.name))
  if (f.email) q = q.where(keyContains('contacts.email_key', f.email))
  // Narrowed by the trigram index first (same answer, fewer rows read), unless walking the sort order.
  const nameCandidates = f.name && !walk ? trigramCandidates('contacts_trigram', 'contacts.seq', 'name_key', f.name) : undefined
  if (nameCandidates) q = q.where(nameCandidates)
  const emailCandidates = f.email && !walk ? trigramCandidates('contacts_trigram', 'contacts.seq', 'email_key', f.email) : undefined
  if (emailCandidates) q = q.where(emailCandidates)
  // City: the stored key (Unicode case folding) narrowed by its own trigram index.
  if (f.city) q = q.where(keyContains('contacts.city_key', f.city))
  const cityCandidates = f.city && !walk ? trigramCandidates('contacts_city_trigram', 'contacts.seq', 'city_key', f.city) : undefined
  if (cityCandidates) q = q.where(cityCandidates)
  if (f.state !== 'all') {
    const active = f.state === 'active' ? 1 : 0
    // With a narrow filter (name, city, tag, assignee) SQLite must start from it, not from is_active (true for most rows).
    const narrow = nameCandidates || cityCandidates || emailCandidates || ((f.tag_ids?.length || f.assignee_id) && !walk)
    q = narrow ? q.where(notIndexed('contacts.is_active'), '=', active) : q.where('contacts.is_active', '=', active)
  }
  if (f.account_id) q = q.where('contacts.account_id', '=', f.account_id)
  for (const clause of linkFilters(db, 'contact', 'contacts.id', f, walk)) q = q.where(clause)
  return q
}

const SORT_COLUMN = {
  last_name: 'contacts.last_name',
  first_name: 'contacts.first_name',
  email: 'contacts.email_key',
  city: 'contacts.city',
  created_at: 'contacts.created_at',
  updated_at: 'contacts.updated_at',
} as const

/** Sorts whose order an index gives as is (with seq, the rowid, after it). */
const SORT_INDEXED: ReadonlySet<ContactListFilter['sort']> = new Set(['last_name', 'created_at'])

export async function listContacts(db: Q, f: ContactListFilter): Promise<{ items: ContactListItem[]; total: number }> {
  // From list_totals / link_totals when the filter allows (see search/list-totals.ts); undefined otherwise.
  // A sole name, email or city filter is counted by its trigram index.
  const sole = soleSubstring(f)
  const kept = (await contactTotal(db, f)) ?? (sole && (await soleSubstringTotal(db, sole, f.state)))
  // Walked only when the sort is not by the filtered name: matches cluster in that order, they are not spread along it.
  const walk = await walkSortOrder(db, 'contact', f, kept, SORT_INDEXED.has(f.sort), sole !== undefined && !(sole.column === 'name_key' && f.sort === 'last_name'))
  const rows = await filtered(db, f, walk)
    .leftJoin('accounts', 'accounts.id', 'contacts.account_id')
    .selectAll('contacts')
    .select('accounts.name as account_name')
    .orderBy(SORT_COLUMN[f.sort], f.direction)
    .orderBy('contacts.seq', f.direction)
    .limit(f.limit)
    .offset(f.offset)
    .execute()
  // Anything else is counted.
  const total = kept ?? (await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total
  const tags = await tagsOf(db, 'contact', rows.map((r) => r.id))
  return {
    // Completed in place: spreading each row into a new object cost more than mapping it.
    items: rows.map((r) => Object.assign(toContact(r), { tags: tags.get(r.id) ?? [], account_name: r.account_name })),
    total: Number(total),
  }
}
