import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { z } from 'zod'
import { OPEN_CASE_STATUSES, type CaseStatus } from '../../shared/domain/choices'
import type { caseListQuery } from '../../shared/domain/cases'
import type { Case, CaseListItem } from '../../shared/domain/records'
import { type Reads } from '../db/held-connection'
import { boundLimit, prepare, prepareByShape, type PageShape } from '../db/prepared'
import type { CasesTable, Database } from '../db/schema'
import { bool, containsPattern, keyLike } from '../records/keys'
import { totalFromLastPage } from '../records/page-total'
import { assigneesOf, linkFilters, linkShape, linkValues, tagsOf, type LinkShape, type LinkValues } from '../records/relations'
import { caseTotal, walkSortOrder } from '../search/list-totals'
import { notIndexed, soleSubstringTotal, substringCandidates, substringMatch, type SoleSubstring } from '../search/substring'

type Q = Kysely<Database> | Transaction<Database>
export type CaseListFilter = z.output<typeof caseListQuery>

export function toCase(row: Selectable<CasesTable>): Case {
  return {
    id: row.id,
    name: row.name,
    status: row.status as Case['status'],
    priority: row.priority as Case['priority'],
    case_type: row.case_type as Case['case_type'],
    closed_on: row.closed_on,
    description: row.description,
    account_id: row.account_id,
    is_active: bool(row.is_active),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  }
}

const CASE_BY_ID = prepare((db, v: { id: string }) => db.selectFrom('cases').selectAll().where('id', '=', v.id))

const CASES_OF_ACCOUNT = prepare((db, v: { id: string; limit: number }) =>
  db.selectFrom('cases').selectAll().where('account_id', '=', v.id).orderBy('created_at', 'desc').limit(boundLimit(v.limit)),
)

const CASES_OF_CONTACT = prepare((db, v: { id: string; limit: number }) =>
  db
    .selectFrom('cases')
    .innerJoin('case_contacts', 'case_contacts.case_id', 'cases.id')
    .selectAll('cases')
    .where('case_contacts.contact_id', '=', v.id)
    .orderBy('cases.created_at', 'desc')
    .limit(boundLimit(v.limit)),
)

export async function findCase(db: Reads, id: string) {
  return CASE_BY_ID.first(db, { id })
}

/** An account's newest cases (the first `limit`), for its detail view. */
/** The most cases a record's detail lists. */
export const RELATED_CASES_MAX = 500

export async function casesOfAccount(db: Reads, accountId: string, limit = RELATED_CASES_MAX): Promise<Case[]> {
  return (await CASES_OF_ACCOUNT.all(db, { id: accountId, limit })).map(toCase)
}

const CASE_COUNT_OF_ACCOUNT = prepare((db, v: { id: string }) =>
  db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', v.id),
)

export async function caseCountOfAccount(db: Reads, accountId: string): Promise<number> {
  return (await CASE_COUNT_OF_ACCOUNT.first(db, { id: accountId }))?.n ?? 0
}

/** A contact's newest cases (the first `limit`), for its detail view. */
export async function casesOfContact(db: Reads, contactId: string, limit = 500): Promise<Case[]> {
  return (await CASES_OF_CONTACT.all(db, { id: contactId, limit })).map(toCase)
}

// Prepared: the create handler and an import's every row ask it (see db/prepared.ts).
const CASE_ID_BY_NAME_KEY = prepare((db, v: { key: string }) => db.selectFrom('cases').select('id').where('name_key', '=', v.key))

export async function caseIdByNameKey(db: Q, nameKey: string): Promise<string | undefined> {
  return (await CASE_ID_BY_NAME_KEY.first(db, { key: nameKey }))?.id
}

/** The statuses a case list keeps (open_only applied); undefined for any status. */
function statusFilter(f: CaseListFilter): CaseStatus[] | undefined {
  return f.open_only ? (f.status?.length ? f.status.filter((s) => OPEN_CASE_STATUSES.includes(s)) : [...OPEN_CASE_STATUSES]) : f.status
}

/** The name filter when it is the only one (besides the state), for soleSubstringTotal. */
function soleSubstring(f: CaseListFilter): SoleSubstring | undefined {
  const others = f.status?.length || f.open_only || f.priority || f.case_type || f.account_id || f.tag_ids?.length || f.assignee_id
  return f.name && !others ? { table: 'cases', index: 'cases_grams', column: 'name_key', term: f.name } : undefined
}

/** What changes the SQL text of a case list (see prepareByShape); the values it binds are CaseListValues. */
interface CaseListShape extends LinkShape {
  state: CaseListFilter['state']
  name: boolean
  /** Narrowed by the substring index first (same answer, fewer rows read); not when walking the sort order. */
  nameGrams: boolean
  /** The statuses kept (a closed set, so written into the SQL, where the status index can use them); null for any. */
  statuses: CaseStatus[] | null
  priority: boolean
  caseType: boolean
  account: boolean
}

interface CaseListValues extends LinkValues {
  namePattern: string
  nameMatch: string
  active: number
  priority: string
  caseType: string
  accountId: string
  limit: number
  offset: number
}

/** `walk`: one tag or assignee linked to many cases, or a sole name filter, checked per row along the sort order (see walkSortOrder). */
function shapeOf(f: CaseListFilter, walk: boolean): CaseListShape {
  const statuses = statusFilter(f)
  return Object.assign(linkShape(f, walk), {
    state: f.state,
    name: Boolean(f.name),
    nameGrams: Boolean(f.name) && !walk && substringMatch('name_key', f.name!) !== undefined,
    statuses: statuses ?? null,
    priority: Boolean(f.priority),
    caseType: Boolean(f.case_type),
    account: Boolean(f.account_id),
  })
}

function valuesOf(f: CaseListFilter): CaseListValues {
  return Object.assign(linkValues(f), {
    namePattern: f.name ? containsPattern(f.name) : '',
    nameMatch: (f.name && substringMatch('name_key', f.name)) || '',
    active: f.state === 'active' ? 1 : 0,
    priority: f.priority ?? '',
    caseType: f.case_type ?? '',
    accountId: f.account_id ?? '',
    limit: f.limit,
    offset: f.offset,
  })
}

function filtered(db: Kysely<Database>, s: CaseListShape, v: CaseListValues) {
  let q = db.selectFrom('cases')
  if (s.name) q = q.where(keyLike('cases.name_key', v.namePattern))
  if (s.nameGrams) q = q.where(substringCandidates('cases_grams', 'cases.seq', v.nameMatch))
  if (s.state !== 'all') {
    // With a narrow filter (name, tag, assignee) SQLite must start from it, not from is_active (true for most rows).
    const narrow = s.nameGrams || ((s.tags || s.assignee) && !s.walk)
    q = narrow ? q.where(notIndexed('cases.is_active'), '=', v.active) : q.where('cases.is_active', '=', v.active)
  }
  if (s.statuses) {
    const kept = s.statuses.map((status) => sql.lit(status))
    q = kept.length ? q.where('cases.status', 'in', sql<CaseStatus>`(${sql.join(kept)})`) : q.where((eb) => eb.lit(false))
  }
  if (s.priority) q = q.where('cases.priority', '=', v.priority)
  if (s.caseType) q = q.where('cases.case_type', '=', v.caseType)
  if (s.account) q = q.where('cases.account_id', '=', v.accountId)
  for (const clause of linkFilters(db, 'case', 'cases.id', s, v)) q = q.where(clause)
  return q
}

/** Low 0, Normal 1, High 2, Urgent 3: the server's order. */
const PRIORITY_RANK = sql<number>`CASE "cases"."priority" WHEN 'Low' THEN 0 WHEN 'Normal' THEN 1 WHEN 'High' THEN 2 ELSE 3 END`

const SORT_COLUMN = {
  name: 'cases.name_key',
  status: 'cases.status',
  priority: 'cases.priority',
  created_at: 'cases.created_at',
  updated_at: 'cases.updated_at',
} as const

/** Sorts whose order an index gives as is (with seq, the rowid, after it). */
const SORT_INDEXED: ReadonlySet<CaseListFilter['sort']> = new Set(['created_at', 'name', 'priority'])

// The page first, then its accounts' names: joined before the sort, every
// candidate of a filter (thousands for a common term) looked up its account.
const CASE_PAGE = prepareByShape((db, page: PageShape<CaseListShape, CaseListFilter>, v: CaseListValues) => {
  // Urgent first when descending, by the server's order rather than alphabetically.
  // Written with literals so it is the very expression cases_by_priority_rank indexes (migrations/0003).
  const order = page.sort === 'priority' ? PRIORITY_RANK : SORT_COLUMN[page.sort]
  const rows = filtered(db, page.filter, v).selectAll('cases').orderBy(order, page.direction).orderBy('cases.seq', page.direction).limit(boundLimit(v.limit)).offset(v.offset)
  return db
    .selectFrom(rows.as('cases'))
    .leftJoin('accounts', 'accounts.id', 'cases.account_id')
    .selectAll('cases')
    .select('accounts.name as account_name')
    .orderBy(order, page.direction)
    .orderBy('cases.seq', page.direction)
})

const CASE_COUNT = prepareByShape((db, s: CaseListShape, v: CaseListValues) => filtered(db, s, v).select((eb) => eb.fn.countAll<number>().as('total')))

export async function listCases(db: Reads, f: CaseListFilter): Promise<{ items: CaseListItem[]; total: number }> {
  // Totals over state, status, priority and one tag or assignee come from list_totals / link_totals.
  // A sole name filter is counted by its substring index.
  const sole = soleSubstring(f)
  const kept = (await caseTotal(db, f, statusFilter(f))) ?? (sole && (await soleSubstringTotal(db, sole, f.state)))
  // Walked only when the sort is not by the filtered name: matches cluster in that order, they are not spread along it.
  const walk = await walkSortOrder(db, 'case', f, kept, SORT_INDEXED.has(f.sort), sole !== undefined && f.sort !== 'name')
  const values = valuesOf(f)
  const shape = shapeOf(f, walk)
  const rows = await CASE_PAGE({ filter: shape, sort: f.sort, direction: f.direction }).all(db, values)
  // Anything else is counted, unless the page shows the end of the list (never walked: a count reads every match anyway).
  const total = kept ?? totalFromLastPage(f, rows.length) ?? (await CASE_COUNT(walk ? shapeOf(f, false) : shape).first(db, values))?.total ?? 0
  const ids = rows.map((r) => r.id)
  const [tags, assignees] = await Promise.all([tagsOf(db, 'case', ids), assigneesOf(db, 'case', ids)])
  return {
    // Completed in place: spreading fifty rows into new objects cost more than the query's own mapping.
    items: rows.map((r) => Object.assign(toCase(r), { tags: tags.get(r.id) ?? [], assignees: assignees.get(r.id) ?? [], account_name: r.account_name })),
    total: Number(total),
  }
}
