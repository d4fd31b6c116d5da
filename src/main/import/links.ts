import type { Transaction } from 'kysely'
import { slugify, tagCreate } from '../../shared/domain/tags'
import type { Database } from '../db/schema'
import { tagHandlers } from '../lookups/handlers'
import type { Services } from '../services'

// The tags and assignees columns of an import: several names in one cell,
// separated by ";", "," or "|". A tag is found by its slug (the server's tag
// identity) and made, through the real tags.create handler with its outbox
// entry, when there is none; an assignee is an active user found by email or
// by name (any case), and one that matches no user, or several, is a row error.

const SEPARATORS = /[;,|]/

/** The names in a cell, trimmed, empty ones and repeats dropped. */
export function splitList(cell: string): string[] {
  return [...new Set(cell.split(SEPARATORS).map((s) => s.trim()).filter(Boolean))]
}

/** A list cell as the export writes it. */
export function joinList(names: readonly string[]): string {
  return names.join('; ')
}

/** The tag names in a cell, normalised and checked as a typed tag name is. */
export function tagNamesOf(cell: string): { names: string[] } | { error: string } {
  const names: string[] = []
  for (const part of splitList(cell)) {
    const parsed = tagCreate.shape.name.safeParse(part)
    if (!parsed.success) return { error: `Tag "${part.slice(0, 60)}": ${parsed.error.issues[0]?.message ?? 'not a valid name'}` }
    if (!names.some((n) => slugify(n) === slugify(parsed.data))) names.push(parsed.data)
  }
  return { names }
}

type Q = Services['db']['kysely'] | Transaction<Database>

/** The active users a reference (email or name, any case) names. */
async function usersNamed(db: Q, ref: string): Promise<string[]> {
  const key = ref.toLowerCase()
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('is_active', '=', 1)
    .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', key), eb(eb.fn('lower', ['name']), '=', key)]))
    .limit(2)
    .execute()
  return rows.map((r) => r.id)
}

/** The user ids of a row's assignee references, or the message for each that names no user or several. */
export async function resolveAssignees(db: Q, refs: readonly string[]): Promise<{ ids: string[]; problems: string[] }> {
  const ids: string[] = []
  const problems: string[] = []
  for (const ref of refs) {
    const found = await usersNamed(db, ref)
    if (found.length === 1) ids.push(found[0]!)
    else problems.push(found.length ? `"${ref}" names more than one user: use the email` : `No user with the email or name "${ref}"`)
  }
  return { ids: [...new Set(ids)], problems }
}

/** The active tag with this name's slug, if any. */
export async function tagIdBySlug(db: Q, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('tags').select('id').where('slug', '=', slugify(name)).where('is_active', '=', 1).executeTakeFirst()
  return row?.id
}

/**
 * The ids of a row's tags, inside the import's transaction (`s` from
 * servicesInTransaction): a missing tag is made by tags.create, which
 * also brings back an archived one. `made` caches names across rows.
 */
export async function tagIdsFor(s: Services, names: readonly string[], made: Map<string, string>): Promise<string[]> {
  const ids: string[] = []
  for (const name of names) {
    const slug = slugify(name)
    let id = made.get(slug) ?? (await tagIdBySlug(s.db.kysely, name))
    id ??= (await tagHandlers['tags.create']({ name, color: 'blue' }, s)).id
    made.set(slug, id)
    ids.push(id)
  }
  return ids
}
