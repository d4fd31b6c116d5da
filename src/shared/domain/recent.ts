import { z } from 'zod'
import { PARENT_TYPES, type ParentType } from './choices'
import { uuid } from './fields'

/** The user opened this record's detail (for "Recently viewed" on Home). */
export const recordViewed = z.object({ type: z.enum(PARENT_TYPES), id: uuid }).strict()

/** How many recently viewed records are kept. */
export const RECENT_VIEWS_KEPT = 20

export interface RecentRecord {
  type: ParentType
  id: string
  title: string
  viewed_at: string
}
