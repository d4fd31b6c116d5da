import type { Kysely, Selectable, Transaction } from 'kysely'
import type { z } from 'zod'
import type { contactListQuery } from '../../shared/domain/contacts'
import type { Contact, ContactListItem } from '../../shared/domain/records'
import type { ContactsTable, Database } from '../db/schema'
import { bool, keyContains, textKey } from '../records/keys'
import { linkFilters, tagsOf } from '../records/relations'
import { contactTotal, walkSortOrder } from '../search/list-totals'
import { notIndexed, trigramCandidates } from '../search/substring'

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

export async function findContact(db: Q, id: string) {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function contactIdByEmailKey(db: Q, emailKey: string): Promise<string | undefined> {
  const row = await db.selectFrom('contacts').select('id').where('email_key', '=', emailKey).executeTakeFirst()
  return row?.id
}

/** `walk`: one tag or assignee linked to many contacts, checked per row along the sort order (see walkSortOrder). */
function filtered(db: Q, f: ContactListFilter, walk = false) {
  let q = db.selectFrom('contacts')
  if (f.name) q = q.where(keyContains('contacts.name_key', f.name))
  if (f.email) q = q.where(keyContains('contacts.email_key', f.email))
  // Narrowed by the trigram index first (same answer, fewer rows read).
  const nameCandidates = f.name ? trigramCandidates('contacts_trigram', 'contacts.seq', 'name_key', f.name) : undefined
  if (nameCandidates) q = q.where(nameCandidates)
  const emailCandidates = f.email ? trigramCandidates('contacts_trigram', 'contacts.seq', 'email_key', f.email) : undefined
  if (emailCandidates) q = q.where(emailCandidates)
  // City: the stored key (Unicode case folding) narrowed by its own trigram index.
  if (f.city) q = q.where(keyContains('contacts.city_key', f.city))
  const cityCandidates = f.city ? trigramCandidates('contacts_city_trigram', 'contacts.seq', 'city_key', f.city) : undefined
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
  const kept = await contactTotal(db, f)
  const walk = await walkSortOrder(db, 'contact', f, kept, SORT_INDEXED.has(f.sort))
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
    items: rows.map((r) => ({ ...toContact(r), tags: tags.get(r.id) ?? [], account_name: r.account_name })),
    total: Number(total),
  }
}
