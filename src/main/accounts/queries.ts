import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import { OPEN_CASE_STATUSES } from '../../shared/domain/choices'
import type { AccountListQuery } from '../../shared/domain/accounts'
import type { Account, AccountListItem } from '../../shared/domain/records'
import type { z } from 'zod'
import type { accountListQuery } from '../../shared/domain/accounts'
import { inJsonList, prepare, type Reads } from '../db/prepared'
import type { AccountsTable, Database } from '../db/schema'
import { bool, keyContains } from '../records/keys'
import { linkFilters, tagsOf } from '../records/relations'
import { accountTotal, walkSortOrder } from '../search/list-totals'
import { notIndexed, soleSubstringTotal, trigramCandidates, type SoleSubstring } from '../search/substring'

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

export async function accountIdByNameKey(db: Q, nameKey: string): Promise<string | undefined> {
  const row = await db.selectFrom('accounts').select('id').where('name_key', '=', nameKey).executeTakeFirst()
  return row?.id
}

/** The name or city filter when it is the only one (besides the state), for soleSubstringTotal. */
function soleSubstring(f: AccountListFilter): SoleSubstring | undefined {
  if (f.industry || f.tag_ids?.length || f.assignee_id || (f.name && f.city)) return undefined
  if (f.name) return { table: 'accounts', index: 'accounts_trigram', column: 'name_key', term: f.name }
  if (f.city) return { table: 'accounts', index: 'accounts_city_trigram', column: 'city_key', term: f.city }
  return undefined
}

/** `walk`: one tag or assignee linked to many accounts, or a sole name or city filter, checked per row along the sort order (see walkSortOrder). */
function filtered(db: Q, f: AccountListFilter, walk = false) {
  let q = db.selectFrom('accounts')
  if (f.name) q = q.where(keyContains('accounts.name_key', f.name))
  // Narrowed by the trigram index first (same answer, fewer rows read), unless walking the sort order.
  const nameCandidates = f.name && !walk ? trigramCandidates('accounts_trigram', 'accounts.seq', 'name_key', f.name) : undefined
  if (nameCandidates) q = q.where(nameCandidates)
  // City: the stored key (Unicode case folding) narrowed by its own trigram index.
  if (f.city) q = q.where(keyContains('accounts.city_key', f.city))
  const cityCandidates = f.city && !walk ? trigramCandidates('accounts_city_trigram', 'accounts.seq', 'city_key', f.city) : undefined
  if (cityCandidates) q = q.where(cityCandidates)
  if (f.state !== 'all') {
    const active = f.state === 'active' ? 1 : 0
    // With a narrow filter (name, city, tag, assignee) SQLite must start from it, not from is_active (true for most rows).
    const narrow = nameCandidates || cityCandidates || ((f.tag_ids?.length || f.assignee_id) && !walk)
    q = narrow ? q.where(notIndexed('accounts.is_active'), '=', active) : q.where('accounts.is_active', '=', active)
  }
  if (f.industry) q = q.where('accounts.industry', '=', f.industry)
  for (const clause of linkFilters(db, 'account', 'accounts.id', f, walk)) q = q.where(clause)
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
async function countsOf(db: Q, ids: string[]): Promise<{ contacts: Map<string, number>; openCases: Map<string, number> }> {
  if (!ids.length) return { contacts: new Map(), openCases: new Map() }
  const list = JSON.stringify(ids)
  const [contacts, openCases] = await Promise.all([CONTACT_COUNTS.all(db, { ids: list }), OPEN_CASE_COUNTS.all(db, { ids: list })])
  const toMap = (rows: { id: string | null; n: number }[]) => new Map(rows.map((r) => [r.id!, Number(r.n)]))
  return { contacts: toMap(contacts), openCases: toMap(openCases) }
}

/** Sorts whose order an index gives as is (with seq, the rowid, after it). */
const SORT_INDEXED: ReadonlySet<AccountListFilter['sort']> = new Set(['name', 'created_at', 'updated_at'])

export async function listAccounts(db: Q, f: AccountListFilter): Promise<{ items: AccountListItem[]; total: number }> {
  // From list_totals / link_totals when the filter allows (see search/list-totals.ts); undefined otherwise.
  // A sole name or city filter is counted by its trigram index.
  const sole = soleSubstring(f)
  const kept = (await accountTotal(db, f)) ?? (sole && (await soleSubstringTotal(db, sole, f.state)))
  // Walked only when the sort is not by the filtered key: matches cluster in that order, they are not spread along it.
  const walk = await walkSortOrder(db, 'account', f, kept, SORT_INDEXED.has(f.sort), sole !== undefined && !(sole.column === 'name_key' && f.sort === 'name'))
  const rows = await filtered(db, f, walk)
    .selectAll('accounts')
    .orderBy(SORT_COLUMN[f.sort], f.direction)
    .orderBy('accounts.seq', f.direction)
    .limit(f.limit)
    .offset(f.offset)
    .execute()
  // Anything else is counted.
  const total =
    kept ??
    (await filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow()).total
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
