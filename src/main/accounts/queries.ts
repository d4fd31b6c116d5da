import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import { OPEN_CASE_STATUSES } from '../../shared/domain/choices'
import type { AccountListQuery } from '../../shared/domain/accounts'
import type { Account, AccountListItem } from '../../shared/domain/records'
import type { z } from 'zod'
import type { accountListQuery } from '../../shared/domain/accounts'
import { type Reads } from '../db/held-connection'
import { boundLimit, inJsonList, prepare, prepareByShape, type PageShape } from '../db/prepared'
import type { AccountsTable, Database } from '../db/schema'
import { bool, containsPattern, keyLike } from '../records/keys'
import { totalFromLastPage } from '../records/page-total'
import { linkFilters, linkShape, linkValues, tagsOf, type LinkShape, type LinkValues } from '../records/relations'
import { WALKED, walkCompleted, walkedPageSeqs, type WalkValues } from '../search/clustered-walk'
import { accountTotal, clusteredWalkBudget, walkSortOrder } from '../search/list-totals'
import { notIndexed, soleSubstringTotal, substringCandidates, substringMatch, type SoleSubstring } from '../search/substring'

type Q = Kysely<Database> | Transaction<Database>
export type AccountListFilter = z.output<typeof accountListQuery>
export type { AccountListQuery }

export function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    website: row.website,
    industry: row.industry as Account['industry'],
    number_of_employees: row.number_of_employees,
    annual_revenue: row.annual_revenue,
    currency: row.currency,
    address_line: row.address_line,
    city: row.city,
    state: row.state,
    postcode: row.postcode,
    country: row.country,
    description: row.description,
    is_active: bool(row.is_active),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  }
}

const ACCOUNT_BY_ID = prepare((db, v: { id: string }) => db.selectFrom('accounts').selectAll().where('id', '=', v.id))
const ACCOUNT_REF = prepare((db, v: { id: string }) => db.selectFrom('accounts').select(['id', 'name']).where('id', '=', v.id))

export async function findAccount(db: Reads, id: string): Promise<Selectable<AccountsTable> | undefined> {
  return ACCOUNT_BY_ID.first(db, { id })
}

/** Id and name of an account, for the records that refer to it; null when there is none. */
export async function accountRef(db: Reads, id: string | null): Promise<{ id: string; name: string } | null> {
  return id ? ((await ACCOUNT_REF.first(db, { id })) ?? null) : null
}

// Prepared: the create handlers and an import's every row ask it (see db/prepared.ts).
const ACCOUNT_ID_BY_NAME_KEY = prepare((db, v: { key: string }) => db.selectFrom('accounts').select('id').where('name_key', '=', v.key))

export async function accountIdByNameKey(db: Q, nameKey: string): Promise<string | undefined> {
  return (await ACCOUNT_ID_BY_NAME_KEY.first(db, { key: nameKey }))?.id
}

/** The name or city filter when it is the only one (besides the state), for soleSubstringTotal. */
function soleSubstring(f: AccountListFilter): SoleSubstring | undefined {
  if (f.industry || f.tag_ids?.length || f.assignee_id || (f.name && f.city)) return undefined
  if (f.name) return { table: 'accounts', index: 'accounts_grams', column: 'name_key', term: f.name }
  if (f.city) return { table: 'accounts', index: 'accounts_city_grams', column: 'city_key', term: f.city }
  return undefined
}

/** What changes the SQL text of an account list (see prepareByShape); the values it binds are AccountListValues. */
interface AccountListShape extends LinkShape {
  state: AccountListFilter['state']
  name: boolean
  /** Narrowed by a substring index first (same answer, fewer rows read); not when walking the sort order. */
  nameGrams: boolean
  city: boolean
  cityGrams: boolean
  industry: boolean
}

interface AccountListValues extends LinkValues {
  namePattern: string
  nameMatch: string
  cityPattern: string
  cityMatch: string
  active: number
  industry: string
  limit: number
  offset: number
}

/** `walk`: one tag or assignee linked to many accounts, or a sole name or city filter, checked per row along the sort order (see walkSortOrder). */
function shapeOf(f: AccountListFilter, walk: boolean): AccountListShape {
  return Object.assign(linkShape(f, walk), {
    state: f.state,
    name: Boolean(f.name),
    nameGrams: Boolean(f.name) && !walk && substringMatch('name_key', f.name!) !== undefined,
    city: Boolean(f.city),
    cityGrams: Boolean(f.city) && !walk && substringMatch('city_key', f.city!) !== undefined,
    industry: Boolean(f.industry),
  })
}

function valuesOf(f: AccountListFilter): AccountListValues {
  return Object.assign(linkValues(f), {
    namePattern: f.name ? containsPattern(f.name) : '',
    nameMatch: (f.name && substringMatch('name_key', f.name)) || '',
    cityPattern: f.city ? containsPattern(f.city) : '',
    cityMatch: (f.city && substringMatch('city_key', f.city)) || '',
    active: f.state === 'active' ? 1 : 0,
    industry: f.industry ?? '',
    limit: f.limit,
    offset: f.offset,
  })
}

function filtered(db: Kysely<Database>, s: AccountListShape, v: AccountListValues) {
  let q = db.selectFrom('accounts')
  if (s.name) q = q.where(keyLike('accounts.name_key', v.namePattern))
  if (s.nameGrams) q = q.where(substringCandidates('accounts_grams', 'accounts.seq', v.nameMatch))
  // City: the stored key (Unicode case folding) narrowed by its own substring index.
  if (s.city) q = q.where(keyLike('accounts.city_key', v.cityPattern))
  if (s.cityGrams) q = q.where(substringCandidates('accounts_city_grams', 'accounts.seq', v.cityMatch))
  if (s.state !== 'all') {
    // With a narrow filter (name, city, tag, assignee) SQLite must start from it, not from is_active (true for most rows).
    const narrow = s.nameGrams || s.cityGrams || ((s.tags || s.assignee) && !s.walk)
    q = narrow ? q.where(notIndexed('accounts.is_active'), '=', v.active) : q.where('accounts.is_active', '=', v.active)
  }
  if (s.industry) q = q.where('accounts.industry', '=', v.industry)
  for (const clause of linkFilters(db, 'account', 'accounts.id', s, v)) q = q.where(clause)
  return q
}

const SORT_COLUMN = {
  name: 'accounts.name_key',
  city: 'accounts.city',
  industry: 'accounts.industry',
  created_at: 'accounts.created_at',
  updated_at: 'accounts.updated_at',
} as const

const CONTACT_COUNTS = prepare((db, v: { ids: string }) =>
  db
    .selectFrom('contacts')
    .select((eb) => ['contacts.account_id as id', eb.fn.countAll<number>().as('n')])
    .where('contacts.account_id', 'in', inJsonList(v.ids))
    .groupBy('contacts.account_id'),
)

const OPEN_CASE_COUNTS = prepare((db, v: { ids: string }) =>
  db
    .selectFrom('cases')
    .select((eb) => ['cases.account_id as id', eb.fn.countAll<number>().as('n')])
    .where('cases.account_id', 'in', inJsonList(v.ids))
    // Not by the status index: open cases of all accounts are many more rows than these accounts' cases.
    // Written as literals: a prepared query takes only the ids as a value.
    .where(notIndexed<string>('cases.status'), 'in', sql<string>`(${sql.join(OPEN_CASE_STATUSES.map((status) => sql.lit(status)))})`)
    .groupBy('cases.account_id'),
)

/** Contacts and open cases of the accounts on one page, counted for those ids only. */
async function countsOf(db: Reads, ids: string[]): Promise<{ contacts: Map<string, number>; openCases: Map<string, number> }> {
  if (!ids.length) return { contacts: new Map(), openCases: new Map() }
  const list = JSON.stringify(ids)
  const [contacts, openCases] = await Promise.all([CONTACT_COUNTS.all(db, { ids: list }), OPEN_CASE_COUNTS.all(db, { ids: list })])
  const toMap = (rows: { id: string | null; n: number }[]) => new Map(rows.map((r) => [r.id!, Number(r.n)]))
  return { contacts: toMap(contacts), openCases: toMap(openCases) }
}

/** Sorts whose order an index gives as is (with seq, the rowid, after it). */
const SORT_INDEXED: ReadonlySet<AccountListFilter['sort']> = new Set(['name', 'created_at', 'updated_at'])

const ACCOUNT_PAGE = prepareByShape((db, page: PageShape<AccountListShape, AccountListFilter>, v: AccountListValues) =>
  filtered(db, page.filter, v).selectAll('accounts').orderBy(SORT_COLUMN[page.sort], page.direction).orderBy('accounts.seq', page.direction).limit(boundLimit(v.limit)).offset(v.offset),
)

/**
 * A sole name filter on the list sorted by name, walked along the name index
 * for at most `budget` rows (see clusteredWalkBudget): the first `budget`
 * keys in order, those that contain the term, the page of them, then their rows.
 */
const ACCOUNT_NAME_WALK = prepareByShape(
  (db, s: { direction: AccountListFilter['direction'] }, v: WalkValues & { namePattern: string }) => {
    const page = walkedPageSeqs(db, 'accounts', s.direction, v, keyLike(WALKED.key, v.namePattern))
    return db.selectFrom('accounts').selectAll('accounts').where('accounts.seq', 'in', page).orderBy('accounts.name_key', s.direction).orderBy('accounts.seq', s.direction)
  },
)

/** The page of a bounded walk by name, or undefined when the walk ran out of budget before it was complete. */
async function walkedByName(db: Reads, f: AccountListFilter, v: AccountListValues, matches: number, budget: number) {
  const rows = await ACCOUNT_NAME_WALK({ direction: f.direction }).all(db, { active: v.active, budget, namePattern: v.namePattern, limit: v.limit, offset: v.offset })
  return walkCompleted(rows.length, f, matches) ? rows : undefined
}

const ACCOUNT_COUNT = prepareByShape((db, s: AccountListShape, v: AccountListValues) => filtered(db, s, v).select((eb) => eb.fn.countAll<number>().as('total')))

export async function listAccounts(db: Reads, f: AccountListFilter): Promise<{ items: AccountListItem[]; total: number }> {
  // From list_totals / link_totals when the filter allows (see search/list-totals.ts); undefined otherwise.
  // A sole name or city filter is counted by its substring index.
  const sole = soleSubstring(f)
  const kept = (await accountTotal(db, f)) ?? (sole && (await soleSubstringTotal(db, sole, f.state)))
  // Walked only when the sort is not by the filtered key: matches cluster in that order, they are not spread along it.
  const walk = await walkSortOrder(db, 'account', f, kept, SORT_INDEXED.has(f.sort), sole !== undefined && !(sole.column === 'name_key' && f.sort === 'name'))
  const values = valuesOf(f)
  const shape = shapeOf(f, walk)
  const budget = sole?.column === 'name_key' && f.sort === 'name' && kept ? await clusteredWalkBudget(db, 'account', f, kept) : undefined
  const rows =
    (budget !== undefined && (await walkedByName(db, f, values, kept!, budget))) ||
    (await ACCOUNT_PAGE({ filter: shape, sort: f.sort, direction: f.direction }).all(db, values))
  // Anything else is counted, unless the page shows the end of the list (never walked: a count reads every match anyway).
  const total = kept ?? totalFromLastPage(f, rows.length) ?? (await ACCOUNT_COUNT(walk ? shapeOf(f, false) : shape).first(db, values))?.total ?? 0
  // Counted for the page's rows only: as columns of the page query they were computed for
  // every candidate row before the sort, thousands of times for a filtered list.
  const ids = rows.map((r) => r.id)
  const [tags, counts] = await Promise.all([tagsOf(db, 'account', ids), countsOf(db, ids)])
  // Completed in place: spreading each row into a new object cost more than mapping it.
  const items = rows.map((r) =>
    Object.assign(toAccount(r), {
      tags: tags.get(r.id) ?? [],
      contact_count: counts.contacts.get(r.id) ?? 0,
      open_case_count: counts.openCases.get(r.id) ?? 0,
    }),
  )
  return { items, total: Number(total) }
}
