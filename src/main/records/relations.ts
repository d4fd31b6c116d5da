import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { ParentType } from '../../shared/domain/choices'
import type { Tag, TeamRef, UserRef } from '../../shared/domain/records'
import { AppError } from '../../shared/ipc/errors'
import { type Reads } from '../db/held-connection'
import { inJsonList, perType, prepare } from '../db/prepared'
import type { Database } from '../db/schema'

// Tags, assignees and teams attach the same way to accounts, contacts and
// cases: one link table per pair. This module is the only place that knows
// those table names.

type Q = Kysely<Database> | Transaction<Database>

const TABLES = {
  account: { tags: 'account_tags', assignees: 'account_assignees', teams: 'account_teams', key: 'account_id' },
  contact: { tags: 'contact_tags', assignees: 'contact_assignees', teams: 'contact_teams', key: 'contact_id' },
  case: { tags: 'case_tags', assignees: 'case_assignees', teams: 'case_teams', key: 'case_id' },
} as const

export type RelationKind = 'tags' | 'assignees' | 'teams'
const TARGET = {
  tags: { table: 'tags', column: 'tag_id', what: 'tag' },
  assignees: { table: 'users', column: 'user_id', what: 'user' },
  teams: { table: 'teams', column: 'team_id', what: 'team' },
} as const

const FIELD = { tags: 'tag_ids', assignees: 'assignee_ids', teams: 'team_ids' } as const

/** Replaces the record's links of one kind; refuses ids that do not exist. */
export async function setLinks(
  trx: Transaction<Database>,
  type: ParentType,
  recordId: string,
  kind: RelationKind,
  ids: readonly string[],
): Promise<void> {
  const t = TABLES[type]
  const target = TARGET[kind]
  if (ids.length) {
    const found = await trx
      .selectFrom(target.table)
      .select('id')
      .where('id', 'in', ids as string[])
      .execute()
    if (found.length !== ids.length) {
      const known = new Set(found.map((r) => r.id))
      const missing = ids.filter((id) => !known.has(id))
      const message = `Unknown ${target.what}: ${missing.join(', ')}`
      throw new AppError('invalid_input', message, { [FIELD[kind]]: [message] })
    }
  }
  // The link tables share a shape; Kysely cannot type a table chosen at run time.
  const table = t[kind] as 'account_tags'
  const key = t.key as 'account_id'
  const column = target.column as 'tag_id'
  await trx.deleteFrom(table).where(key, '=', recordId).execute()
  if (ids.length) await trx.insertInto(table).values(ids.map((id) => ({ [key]: recordId, [column]: id }) as never)).execute()
}

/** Applies whichever of tag_ids / assignee_ids / team_ids the input carries. */
export async function applyRelations(
  trx: Transaction<Database>,
  type: ParentType,
  recordId: string,
  input: { tag_ids?: string[] | undefined; assignee_ids?: string[] | undefined; team_ids?: string[] | undefined },
): Promise<void> {
  if (input.tag_ids) await setLinks(trx, type, recordId, 'tags', input.tag_ids)
  if (input.assignee_ids) await setLinks(trx, type, recordId, 'assignees', input.assignee_ids)
  if (input.team_ids) await setLinks(trx, type, recordId, 'teams', input.team_ids)
}

const TAGS_OF = perType((type) => {
  const t = TABLES[type]
  return prepare((db, v: { ids: string }) =>
    db
      .selectFrom(`${t.tags} as l` as 'account_tags as l')
      .innerJoin('tags', 'tags.id', 'l.tag_id')
      // Aliased: the key column is account_id, contact_id or case_id depending on `type`.
      .select([`l.${t.key} as record_id` as 'l.account_id as record_id', 'tags.id', 'tags.name', 'tags.color'])
      .where(`l.${t.key}` as 'l.account_id', 'in', inJsonList(v.ids))
      .orderBy('tags.name'),
  )
})

const ASSIGNEES_OF = perType((type) => {
  const t = TABLES[type]
  return prepare((db, v: { ids: string }) =>
    db
      .selectFrom(`${t.assignees} as l` as 'account_assignees as l')
      .innerJoin('users', 'users.id', 'l.user_id')
      .select([`l.${t.key} as record_id` as 'l.account_id as record_id', 'users.id', 'users.name', 'users.email'])
      .where(`l.${t.key}` as 'l.account_id', 'in', inJsonList(v.ids))
      .orderBy('users.name'),
  )
})

const TEAMS_OF = perType((type) => {
  const t = TABLES[type]
  return prepare((db, v: { id: string }) =>
    db
      .selectFrom(`${t.teams} as l` as 'account_teams as l')
      .innerJoin('teams', 'teams.id', 'l.team_id')
      .select(['teams.id', 'teams.name'])
      .where(`l.${t.key}` as 'l.account_id', '=', v.id)
      .orderBy('teams.name'),
  )
})

/** Tags of many records at once (one query), keyed by record id. */
export async function tagsOf(db: Reads, type: ParentType, ids: readonly string[]): Promise<Map<string, Tag[]>> {
  const out = new Map<string, Tag[]>()
  if (!ids.length) return out
  const rows = await TAGS_OF[type].all(db, { ids: JSON.stringify(ids) })
  for (const row of rows) {
    const list = out.get(row.record_id) ?? []
    list.push({ id: row.id, name: row.name, color: row.color as Tag['color'] })
    out.set(row.record_id, list)
  }
  return out
}

export async function assigneesOf(db: Reads, type: ParentType, ids: readonly string[]): Promise<Map<string, UserRef[]>> {
  const out = new Map<string, UserRef[]>()
  if (!ids.length) return out
  const rows = await ASSIGNEES_OF[type].all(db, { ids: JSON.stringify(ids) })
  for (const row of rows) {
    const list = out.get(row.record_id) ?? []
    list.push({ id: row.id, name: row.name, email: row.email })
    out.set(row.record_id, list)
  }
  return out
}

export async function teamsOf(db: Reads, type: ParentType, id: string): Promise<TeamRef[]> {
  return TEAMS_OF[type].all(db, { id })
}

/** The tags, assignees and teams of one record, for its detail view. */
export async function relationsOf(db: Reads, type: ParentType, id: string) {
  const [tags, assignees, teams] = await Promise.all([tagsOf(db, type, [id]), assigneesOf(db, type, [id]), teamsOf(db, type, id)])
  return { tags: tags.get(id) ?? [], assignees: assignees.get(id) ?? [], teams }
}

/** Sub-select of record ids carrying any of the tags in `tagIds` (a JSON list), for list filters. */
function withAnyTag(db: Q, type: ParentType, tagIds: string) {
  const t = TABLES[type]
  return db
    .selectFrom(`${t.tags} as l` as 'account_tags as l')
    .select(`l.${t.key}` as 'l.account_id')
    .where('l.tag_id', 'in', inJsonList(tagIds))
}

/** Sub-select of record ids assigned to `userId`, for list filters. */
function assignedTo(db: Q, type: ParentType, userId: string) {
  const t = TABLES[type]
  return db
    .selectFrom(`${t.assignees} as l` as 'account_assignees as l')
    .select(`l.${t.key}` as 'l.account_id')
    .where('l.user_id', '=', userId)
}

/**
 * "This record has the link", checked per row (by the link table's primary
 * key) as a list walks its sort order: for a tag or user linked to many
 * records, reading the first page that way beats reading every linked record
 * and sorting them (see walkSortOrder in search/list-totals.ts).
 */
function hasLink(type: ParentType, kind: 'tags' | 'assignees', recordId: string, targetId: string): RawBuilder<boolean> {
  const t = TABLES[type]
  return sql<boolean>`EXISTS (SELECT 1 FROM ${sql.table(t[kind])} AS l WHERE ${sql.ref(`l.${t.key}`)} = ${sql.ref(recordId)} AND ${sql.ref(`l.${TARGET[kind].column}`)} = ${targetId})`
}

/** Which tag and assignee filters a list has: part of the shape of its SQL (see prepareByShape). */
export interface LinkShape {
  tags: boolean
  assignee: boolean
  /** One tag or assignee linked to many records, checked row by row along the sort order (see walkSortOrder). */
  walk: boolean
}

/** The values of those filters: the tags as a JSON list, the first tag (when walked) and the user. */
export interface LinkValues {
  tagIds: string
  firstTag: string
  assigneeId: string
}

export function linkShape(f: { tag_ids?: string[] | undefined; assignee_id?: string | undefined }, walk: boolean): LinkShape {
  return { tags: Boolean(f.tag_ids?.length), assignee: Boolean(f.assignee_id), walk }
}

export function linkValues(f: { tag_ids?: string[] | undefined; assignee_id?: string | undefined }): LinkValues {
  return { tagIds: JSON.stringify(f.tag_ids ?? []), firstTag: f.tag_ids?.[0] ?? '', assigneeId: f.assignee_id ?? '' }
}

/** The tag and assignee filters of a list, as where-clauses on `idColumn`. */
export function linkFilters(db: Q, type: ParentType, idColumn: string, s: LinkShape, v: LinkValues): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = []
  if (s.tags) out.push(s.walk ? hasLink(type, 'tags', idColumn, v.firstTag) : sql<boolean>`${sql.ref(idColumn)} in (${withAnyTag(db, type, v.tagIds)})`)
  if (s.assignee) out.push(s.walk ? hasLink(type, 'assignees', idColumn, v.assigneeId) : sql<boolean>`${sql.ref(idColumn)} in (${assignedTo(db, type, v.assigneeId)})`)
  return out
}
