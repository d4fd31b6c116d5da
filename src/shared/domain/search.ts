import { z } from 'zod'
import { LIMITS } from './choices'

export const searchQuery = z
  .object({
    text: z.string().max(LIMITS.searchText, { message: `At most ${LIMITS.searchText} characters` }),
    kinds: z.array(z.enum(['account', 'contact', 'case', 'comment'])).max(4).optional(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()
export type SearchQuery = z.input<typeof searchQuery>
