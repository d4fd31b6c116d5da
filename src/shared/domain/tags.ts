import { z } from 'zod'
import { LIMITS, TAG_COLORS } from './choices'
import { nameText } from './fields'

export const tagCreate = z
  .object({ name: nameText(LIMITS.tagName, 'Tag name'), color: z.enum(TAG_COLORS).default('blue') })
  .strict()
export type TagCreate = z.input<typeof tagCreate>

/** The server's tag identity: the slug of the name (two names with one slug are one tag). */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'tag'
  )
}

/** The tag among `tags` that a typed `name` (already normalised by tagCreate) names: the one with its slug. */
export function existingTag<T extends { name: string }>(name: string, tags: readonly T[]): T | undefined {
  const slug = slugify(name)
  return tags.find((t) => slugify(t.name) === slug)
}
