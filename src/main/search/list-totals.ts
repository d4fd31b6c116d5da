import { sql, type Kysely, type Transaction } from 'kysely'
import { CASE_PRIORITIES, CASE_STATUSES, type CasePriority, type CaseStatus } from '../../shared/domain/choices'
import type { Database } from '../db/schema'

// Exact list totals without counting rows: list_totals (migrations/0003)
// holds the number of records per state and facet, kept current by triggers
// in the writing transaction. It answers only for filters made of those
// facets; any other filter returns undefined and the caller counts.

type Q = Kysely<Database> | Transaction<Database>
type State = 'active' | 'closed' | 'all'

async function sumOf(db: Q, entity: 'account' | 'contact' | 'case', state: State, facets?: string[]): Promise<number> {
  if (facets && !facets.length) return 0
  // Raw SQL: list_totals is a cache of counts, not a record table, so it stays out of the Kysely schema.
  const active = state === 'all' ? sql`` : sql` AND is_active = ${state === 'active' ? 1 : 0}`
  const facet = facets ? sql` AND facet IN (${sql.join(facets)})` : sql``
  const { rows } = await sql<{ total: number | null }>`SELECT sum(n) AS total FROM list_totals WHERE entity = ${entity}${active}${facet}`.execute(db)
  return Number(rows[0]?.total ?? 0)
}

const none = (list: readonly unknown[] | undefined) => !list?.length

export function accountTotal(
  db: Q,
  f: { state: State; name?: string | undefined; city?: string | undefined; industry?: string | undefined; tag_ids?: string[] | undefined; assignee_id?: string | undefined },
): Promise<number> | undefined {
  if (f.name || f.city || !none(f.tag_ids) || f.assignee_id) return undefined
  return sumOf(db, 'account', f.state, f.industry ? [f.industry] : undefined)
}

export function contactTotal(
  db: Q,
  f: { state: State; name?: string | undefined; email?: string | undefined; city?: string | undefined; account_id?: string | undefined; tag_ids?: string[] | undefined; assignee_id?: string | undefined },
): Promise<number> | undefined {
  if (f.name || f.email || f.city || f.account_id || !none(f.tag_ids) || f.assignee_id) return undefined
  return sumOf(db, 'contact', f.state)
}

/** `statuses` is the status list the case filter resolved (open_only applied); undefined for any status. */
export function caseTotal(
  db: Q,
  f: { state: State; name?: string | undefined; priority?: CasePriority | undefined; case_type?: string | undefined; account_id?: string | undefined; tag_ids?: string[] | undefined; assignee_id?: string | undefined },
  statuses: readonly CaseStatus[] | undefined,
): Promise<number> | undefined {
  if (f.name || f.case_type || f.account_id || !none(f.tag_ids) || f.assignee_id) return undefined
  if (!statuses && !f.priority) return sumOf(db, 'case', f.state)
  const facets: string[] = []
  for (const status of statuses ?? CASE_STATUSES) for (const priority of f.priority ? [f.priority] : CASE_PRIORITIES) facets.push(`${status}/${priority}`)
  return sumOf(db, 'case', f.state, facets)
}
