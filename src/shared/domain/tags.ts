import { z } from 'zod'
import { LIMITS, TAG_COLORS } from './choices'
import { requiredText } from './fields'

export const tagCreate = z
  .object({ name: requiredText(LIMITS.tagName, 'Tag name'), color: z.enum(TAG_COLORS).default('blue') })
  .strict()
export type TagCreate = z.input<typeof tagCreate>
