import { z } from 'zod'
import { LIMITS, TAG_COLORS } from './choices'
import { nameText } from './fields'

export const tagCreate = z
  .object({ name: nameText(LIMITS.tagName, 'Tag name'), color: z.enum(TAG_COLORS).default('blue') })
  .strict()
export type TagCreate = z.input<typeof tagCreate>
