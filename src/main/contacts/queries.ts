import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely'
import type { z } from 'zod'
import type { contactListQuery } from '../../shared/domain/contacts'
import type { Contact, ContactListItem } from '../../shared/domain/records'
import { type Reads } from '../db/held-connection'
import { boundLimit, inJsonList, prepare, prepareByShape, type PageShape } from '../db/prepared'
import type { ContactsTable, Database } from '../db/schema'
import { bool, containsPattern, keyLike, textKey } from '../records/keys'
import { totalFromLastPage } from '../records/page-total'
import { linkFilters, linkShape, linkValues, tagsOf, type LinkShape, type LinkValues } from '../records/relations'
import { WALKED, walkCompleted, walkedPageSeqs, type WalkValues } from '../search/clustered-walk'
import { clusteredWalkBudget, contactTotal, walkSortOrder } from '../search/list-totals'
import { contactSearchHits, searchLike } from './search'
import { notIndexed, soleSubstringTotal, substringCandidates, substringHits, substringMatch, type SoleSubstring } from '../search/substring'

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
  db.selectFrom('contacts').selectAll().where('account_id', '=', v.id).orderBy('last_name').orderBy('first_name').limit(boundLimit(v.limit)),
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

// Prepared: the create handler and an import's every row ask it (see db/prepared.ts).
const CONTACT_ID_BY_EMAIL_KEY = prepare((db, v: { key: string }) => db.selectFrom('contacts').select('id').where('email_key', '=', v.key))

export async function contactIdByEmailKey(db: Q, emailKey: string): Promise<string | undefined> {
  return (await CONTACT_ID_BY_EMAIL_KEY.first(db, { key: emailKey }))?.id
}

/** The name, email or city filter when it is the only one (besides the state), for soleSubstringTotal. */
function soleSubstring(f: ContactListFilter): SoleSubstring | undefined {
  if (f.search || f.account_id || f.tag_ids?.length || f.assignee_id || [f.name, f.email, f.city].filter(Boolean).length !== 1) return undefined
  if (f.name) return { table: 'contacts', index: 'contact_search', column: 'name_key', term: f.name }
  if (f.email) return { table: 'contacts', index: 'contact_search', column: 'email_key', term: f.email }
  return { table: 'contacts', index: 'contacts_city_grams', column: 'city_key', term: f.city! }
}

/** What changes the SQL text of a contact list (see prepareByShape); the values it binds are ContactListValues. */
interface ContactListShape extends LinkShape {
  state: ContactListFilter['state']
  name: boolean
  /** Narrowed by a substring index first (same answer, fewer rows read); not when walking the sort order. */
  nameGrams: boolean
  /** Narrowed by the substring hits already read for the total (substringHits), instead of searching again. */
  nameHits: boolean
  email: boolean
  emailGrams: boolean
  city: boolean
  cityGrams: boolean
  account: boolean
  /** The search box: by its hits (contactSearchHits), or row by row for a term too short for the indexes. */
  search: 'none' | 'hits' | 'like'
  /** Start from the search's hits (few), rather than walk the sort order checking each row against them (many). */
  searchNarrow: boolean
}

interface ContactListValues extends LinkValues {
  namePattern: string
  nameMatch: string
  /** JSON list of seq (substringHits). */
  nameHits: string
  emailPattern: string
  emailMatch: string
  cityPattern: string
  cityMatch: string
  /** JSON list of seq (contactSearchHits). */
  searchHits: string
  searchPattern: string
  active: number
  accountId: string
  limit: number
  offset: number
}

/** `walk`: one tag or assignee linked to many contacts, or a sole name, email or city filter, checked per row along the sort order (see walkSortOrder). */
function shapeOf(f: ContactListFilter, walk: boolean, nameHits = false, search: SearchPlan = { hits: undefined, walk: false }): ContactListShape {
  return Object.assign(linkShape(f, walk), {
    state: f.state,
    name: Boolean(f.name),
    nameGrams: Boolean(f.name) && !walk && !nameHits && substringMatch('name_key', f.name!) !== undefined,
    nameHits,
    email: Boolean(f.email),
    emailGrams: Boolean(f.email) && !walk && substringMatch('email_key', f.email!) !== undefined,
    city: Boolean(f.city),
    cityGrams: Boolean(f.city) && !walk && substringMatch('city_key', f.city!) !== undefined,
    account: Boolean(f.account_id),
    search: (!f.search ? 'none' : search.hits ? 'hits' : 'like') as ContactListShape['search'],
    searchNarrow: search.hits !== undefined && !search.walk,
  })
}

/** The search box's hits (undefined for no search or a short term) and whether to walk the sort order with them. */
interface SearchPlan {
  hits: { count: number; json: string } | undefined
  walk: boolean
  /** The search is the list's only filter (besides the state). */
  alone?: boolean
}

function valuesOf(f: ContactListFilter, nameHits?: { json: string }, searchHits?: { json: string }): ContactListValues {
  return Object.assign(linkValues(f), {
    namePattern: f.name ? containsPattern(f.name) : '',
    nameMatch: (f.name && substringMatch('name_key', f.name)) || '',
    nameHits: nameHits?.json ?? '[]',
    emailPattern: f.email ? containsPattern(f.email) : '',
    emailMatch: (f.email && substringMatch('email_key', f.email)) || '',
    cityPattern: f.city ? containsPattern(f.city) : '',
    cityMatch: (f.city && substringMatch('city_key', f.city)) || '',
    searchHits: searchHits?.json ?? '[]',
    searchPattern: f.search ? containsPattern(f.search) : '',
    active: f.state === 'active' ? 1 : 0,
    accountId: f.account_id ?? '',
    limit: f.limit,
    offset: f.offset,
  })
}

function filtered(db: Kysely<Database>, s: ContactListShape, v: ContactListValues) {
  let q = db.selectFrom('contacts')
  // The substring hits are exactly the keys containing the term (the total counts on it): no LIKE to check again.
  if (s.name && !s.nameHits) q = q.where(keyLike('contacts.name_key', v.namePattern))
  if (s.email) q = q.where(keyLike('contacts.email_key', v.emailPattern))
  if (s.nameGrams) q = q.where(substringCandidates('contact_search', 'contacts.seq', v.nameMatch))
  if (s.nameHits) q = q.where('contacts.seq', 'in', inJsonList<number>(v.nameHits))
  if (s.emailGrams) q = q.where(substringCandidates('contact_search', 'contacts.seq', v.emailMatch))
  // City: the stored key (Unicode case folding) narrowed by its own substring index.
  if (s.city) q = q.where(keyLike('contacts.city_key', v.cityPattern))
  if (s.cityGrams) q = q.where(substringCandidates('contacts_city_grams', 'contacts.seq', v.cityMatch))
  // The search's hits are exactly the matches (search.ts): no LIKE to check again.
  // Walking the sort order, each row is looked up in them: `+seq` keeps SQLite from starting from them.
  if (s.search === 'hits') q = q.where(s.searchNarrow ? sql.ref<number>('contacts.seq') : notIndexed('contacts.seq'), 'in', inJsonList<number>(v.searchHits))
  if (s.search === 'like') q = q.where(searchLike(v.searchPattern))
  if (s.state !== 'all') {
    // With a narrow filter (name, email, city, tag, assignee, search) SQLite must start from it, not from is_active (true for most rows).
    const narrow = s.nameGrams || s.nameHits || s.emailGrams || s.cityGrams || s.searchNarrow || ((s.tags || s.assignee) && !s.walk)
    q = narrow ? q.where(notIndexed('contacts.is_active'), '=', v.active) : q.where('contacts.is_active', '=', v.active)
  }
  if (s.account) q = q.where('contacts.account_id', '=', v.accountId)
  for (const clause of linkFilters(db, 'contact', 'contacts.id', s, v)) q = q.where(clause)
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

/** The page's whole rows with their account's name, for the seqs a search found, in the page's order. */
function rowsOfPage<DB, TB extends keyof DB>(
  db: Kysely<Database>,
  seqs: SelectQueryBuilder<DB, TB, { seq: number }>,
  sortColumn: (typeof SORT_COLUMN)[keyof typeof SORT_COLUMN],
  direction: ContactListFilter['direction'],
) {
  return db
    .selectFrom('contacts')
    .leftJoin('accounts', 'accounts.id', 'contacts.account_id')
    .selectAll('contacts')
    .select('accounts.name as account_name')
    .where('contacts.seq', 'in', seqs)
    .orderBy(sortColumn, direction)
    .orderBy('contacts.seq', direction)
}

// The page first, then its accounts' names: joined before the sort, every
// candidate of a filter (thousands for a common name) looked up its account.
const CONTACT_PAGE = prepareByShape((db, page: PageShape<ContactListShape, ContactListFilter>, v: ContactListValues) => {
  const pageOf = filtered(db, page.filter, v)
    .orderBy(SORT_COLUMN[page.sort], page.direction)
    .orderBy('contacts.seq', page.direction)
    .limit(boundLimit(v.limit))
    .offset(v.offset)
  // From the search's hits (thousands): sorted by their seq and sort key alone, then the page's rows read,
  // instead of every hit's whole row carried through the sort (1.3 against 2.2 ms for 2,000 hits).
  if (page.filter.searchNarrow) return rowsOfPage(db, pageOf.select('contacts.seq'), SORT_COLUMN[page.sort], page.direction)
  const rows = pageOf.selectAll('contacts')
  return db
    .selectFrom(rows.as('contacts'))
    .leftJoin('accounts', 'accounts.id', 'contacts.account_id')
    .selectAll('contacts')
    .select('accounts.name as account_name')
    .orderBy(SORT_COLUMN[page.sort], page.direction)
    .orderBy('contacts.seq', page.direction)
})

const CONTACT_COUNT = prepareByShape((db, s: ContactListShape, v: ContactListValues) => filtered(db, s, v).select((eb) => eb.fn.countAll<number>().as('total')))

/**
 * The search box's page walked along the last-name order for at most
 * `budget` rows (see clusteredWalkBudget): the first `budget` contacts in
 * that order, those among the hits, the page of them, then their rows.
 */
const CONTACT_SEARCH_WALK = prepareByShape((db, s: { direction: ContactListFilter['direction'] }, v: WalkValues & { hits: string }) => {
  const page = walkedPageSeqs(db, 'contacts', s.direction, v, sql<SqlBool>`${sql.ref(WALKED.seq)} IN ${inJsonList<number>(v.hits)}`)
  return rowsOfPage(db, page, 'contacts.last_name', s.direction)
})

/**
 * The page of a search sorted by last name, walked for at most a budget of
 * rows; undefined when not worth trying (few matches, or every state) or when
 * the walk ran out of budget before the page was complete.
 */
async function searchWalkedByLastName(db: Reads, f: ContactListFilter, hits: { json: string }, matches: number) {
  const budget = await clusteredWalkBudget(db, 'contact', f, matches)
  if (budget === undefined) return undefined
  const rows = await CONTACT_SEARCH_WALK({ direction: f.direction }).all(db, { active: f.state === 'active' ? 1 : 0, budget, hits: hits.json, limit: f.limit, offset: f.offset })
  return walkCompleted(rows.length, f, matches) ? rows : undefined
}

export async function listContacts(db: Reads, f: ContactListFilter): Promise<{ items: ContactListItem[]; total: number }> {
  // From list_totals / link_totals when the filter allows (see search/list-totals.ts); undefined otherwise.
  // A sole name, email or city filter is counted by its substring index.
  const sole = soleSubstring(f)
  // Sorted by the filtered name, a list is never walked: its matches sit together in that order, not spread along it.
  // Its page is read from the substring hits instead, which also give its total: the index is searched once.
  const byFilteredName = sole?.column === 'name_key' && f.sort === 'last_name'
  const hits = byFilteredName && f.state !== 'closed' ? await substringHits(db, sole) : undefined
  const kept = (await contactTotal(db, f)) ?? (sole && (await soleSubstringTotal(db, sole, f.state, hits)))
  const walk = await walkSortOrder(db, 'contact', f, kept, SORT_INDEXED.has(f.sort), sole !== undefined && !byFilteredName)
  const search = await searchPlan(db, f)
  // The hits are the state's (contactSearchHits): alone, the search's total is their count.
  const searchKept = search.alone ? search.hits?.count : undefined
  const values = valuesOf(f, hits, search.hits)
  const shape = shapeOf(f, walk, hits !== undefined, search)
  // The search box searches names too, so by last name its matches may sit together (every 'Schmidt'): the walk is bounded.
  const searchWalked = search.hits && f.sort === 'last_name' && searchKept ? await searchWalkedByLastName(db, f, search.hits, searchKept) : undefined
  const rows = searchWalked || (await CONTACT_PAGE({ filter: shape, sort: f.sort, direction: f.direction }).all(db, values))
  // Anything else is counted, unless the page shows the end of the list (never walked: a count reads every match anyway).
  const counted = walk || search.walk ? shapeOf(f, false, false, { hits: search.hits, walk: false }) : shape
  const total = kept ?? searchKept ?? totalFromLastPage(f, rows.length) ?? (await CONTACT_COUNT(counted).first(db, values))?.total ?? 0
  const tags = await tagsOf(db, 'contact', rows.map((r) => r.id))
  return {
    // Completed in place: spreading each row into a new object cost more than mapping it.
    items: rows.map((r) => Object.assign(toContact(r), { tags: tags.get(r.id) ?? [], account_name: r.account_name })),
    total: Number(total),
  }
}

/**
 * The search box's hits, and whether the page walks the sort order checking
 * each row against them: when they are many and the search is the only
 * filter, a page fills after a few rows of the order, where starting from
 * the hits would sort them all (the rule of walkSortOrder). Not by last
 * name, where the matches may cluster (searchWalkedByLastName decides there).
 */
async function searchPlan(db: Reads, f: ContactListFilter): Promise<SearchPlan> {
  const hits = f.search ? await contactSearchHits(db, f.search, f.state) : undefined
  const alone = !(f.name || f.email || f.city || f.account_id || f.tag_ids?.length || f.assignee_id)
  const walk = hits !== undefined && alone && f.sort !== 'last_name' && (await walkSortOrder(db, 'contact', f, hits.count, SORT_INDEXED.has(f.sort), true))
  return { hits, walk, alone }
}
