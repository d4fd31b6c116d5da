import { sql } from 'kysely'
import { CASE_PRIORITIES, CASE_STATUSES, type CasePriority, type CaseStatus } from '../../shared/domain/choices'
import { type Reads } from '../db/held-connection'
import { inJsonList, prepareByShape } from '../db/prepared'

// Exact list totals without counting rows: list_totals (migrations/0003)
// holds the number of records per state and facet, and link_totals
// (migrations/0006) the same per tag and per assignee, kept current by
// triggers in the writing transaction. They answer only for filters made of
// those facets plus at most one tag or one assignee; any other filter returns
// undefined and the caller counts.

type State = 'active' | 'closed' | 'all'
type Entity = 'account' | 'contact' | 'case'

/** What changes the SQL of a sum: one state or all, some facets or any; and whether it reads link_totals. */
interface SumShape {
  oneState: boolean
  facets: boolean
  link: boolean
}

interface SumValues {
  entity: Entity
  active: number
  /** JSON list of facets. */
  facets: string
  link: string
  target: string
}

// Raw SQL: list_totals and link_totals are caches of counts, not record tables, so they stay out of the Kysely schema.
const SUM = prepareByShape((_db, s: SumShape, v: SumValues) => {
  const table = s.link ? sql`link_totals` : sql`list_totals`
  const link = s.link ? sql` AND link = ${v.link} AND target_id = ${v.target}` : sql``
  const active = s.oneState ? sql` AND is_active = ${v.active}` : sql``
  const facet = s.facets ? sql` AND facet IN ${inJsonList(v.facets)}` : sql``
  return sql<{ total: number | null }>`SELECT sum(n) AS total FROM ${table} WHERE entity = ${v.entity}${link}${active}${facet}`
})

async function sumOf(db: Reads, entity: Entity, state: State, facets?: string[], link?: { link: 'tag' | 'assignee'; id: string }): Promise<number> {
  if (facets && !facets.length) return 0
  const shape = { oneState: state !== 'all', facets: facets !== undefined, link: link !== undefined }
  const values = { entity, active: state === 'active' ? 1 : 0, facets: JSON.stringify(facets ?? []), link: link?.link ?? '', target: link?.id ?? '' }
  return Number((await SUM(shape).first(db, values))?.total ?? 0)
}

const none = (list: readonly unknown[] | undefined) => !list?.length

interface Links {
  tag_ids?: string[] | undefined
  assignee_id?: string | undefined
}

/** The one tag or one assignee a filter narrows to; undefined when it has none, null when more than one. */
function singleLink(f: Links): { link: 'tag' | 'assignee'; id: string } | null | undefined {
  const tags = [...new Set(f.tag_ids ?? [])]
  if (!tags.length && !f.assignee_id) return undefined
  if (tags.length === 1 && !f.assignee_id) return { link: 'tag', id: tags[0]! }
  if (!tags.length && f.assignee_id) return { link: 'assignee', id: f.assignee_id }
  return null
}

/** Sum from list_totals, or from link_totals when the filter has one tag or one assignee. */
function totalOf(db: Reads, entity: Entity, f: Links & { state: State }, facets?: string[]): Promise<number> | undefined {
  const link = singleLink(f)
  if (link === null) return undefined
  return sumOf(db, entity, f.state, facets, link)
}

export function accountTotal(
  db: Reads,
  f: { state: State; name?: string | undefined; city?: string | undefined; industry?: string | undefined; tag_ids?: string[] | undefined; assignee_id?: string | undefined },
): Promise<number> | undefined {
  if (f.name || f.city) return undefined
  // link_totals has no industry facet.
  if (f.industry && (!none(f.tag_ids) || f.assignee_id)) return undefined
  return totalOf(db, 'account', f, f.industry ? [f.industry] : undefined)
}

export function contactTotal(
  db: Reads,
  f: { state: State; name?: string | undefined; search?: string | undefined; email?: string | undefined; city?: string | undefined; account_id?: string | undefined; tag_ids?: string[] | undefined; assignee_id?: string | undefined },
): Promise<number> | undefined {
  if (f.name || f.search || f.email || f.city || f.account_id) return undefined
  return totalOf(db, 'contact', f)
}

/** `statuses` is the status list the case filter resolved (open_only applied); undefined for any status. */
export function caseTotal(
  db: Reads,
  f: { state: State; name?: string | undefined; priority?: CasePriority | undefined; case_type?: string | undefined; account_id?: string | undefined; tag_ids?: string[] | undefined; assignee_id?: string | undefined },
  statuses: readonly CaseStatus[] | undefined,
): Promise<number> | undefined {
  if (f.name || f.case_type || f.account_id) return undefined
  if (!statuses && !f.priority) return totalOf(db, 'case', f)
  const facets: string[] = []
  for (const status of statuses ?? CASE_STATUSES) for (const priority of f.priority ? [f.priority] : CASE_PRIORITIES) facets.push(`${status}/${priority}`)
  return totalOf(db, 'case', f, facets)
}

/**
 * For a list filtered by one tag or one assignee whose total came from
 * link_totals (`matches`): whether to walk the list's sort order and check
 * each record's link, which reads about window * rows / matches index rows
 * (cheap: one primary-key probe each), rather than read the linked records
 * at random and sort them all. The walk is chosen while it stays within
 * WALK_BUDGET rows (a few ms); past that the matches are so few (under
 * window * rows / WALK_BUDGET) that reading them all is cheaper. Only for
 * sorts an index gives in order (`sortIndexed`) and one state. The same
 * holds for one "contains" filter alone (`soleSubstring`, total from its
 * substring index): each row's key is checked instead of its link.
 */
export async function walkSortOrder(
  db: Reads,
  entity: Entity,
  f: Links & { state: State; limit: number; offset: number },
  matches: number | undefined,
  sortIndexed: boolean,
  soleSubstring = false,
): Promise<boolean> {
  if (!matches || !sortIndexed || f.state === 'all' || !(soleSubstring || singleLink(f))) return false
  const rows = await sumOf(db, entity, f.state)
  return ((f.offset + f.limit) * rows) / matches <= WALK_BUDGET
}

const WALK_BUDGET = 30_000

/**
 * For a sole "contains" filter on the very key the list is sorted by
 * (accounts by name): there the matches may sit together anywhere in the
 * order (every name that starts with the term), so an open walk could read
 * the whole index before it fills a page. It is tried when matches spread
 * evenly would fill the page within a quarter of CLUSTERED_WALK_BUDGET rows,
 * and reads at most that many; if the page is not full by then, the caller
 * reads the candidates instead (about 1.5 ms lost at worst). Returns the
 * number of rows the walk may read, or undefined when it is not worth trying.
 */
export async function clusteredWalkBudget(db: Reads, entity: Entity, f: { state: State; limit: number; offset: number }, matches: number | undefined): Promise<number | undefined> {
  if (!matches || f.state === 'all') return undefined
  const rows = await sumOf(db, entity, f.state)
  return ((f.offset + f.limit) * rows) / matches <= CLUSTERED_WALK_BUDGET / 4 ? CLUSTERED_WALK_BUDGET : undefined
}

const CLUSTERED_WALK_BUDGET = 20_000
