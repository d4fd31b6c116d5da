import { z } from 'zod'
import { LIMITS, PARENT_TYPES } from './choices'
import { requiredText, uuid } from './fields'
import type { Comment } from './records'

export const parentRef = z.object({ type: z.enum(PARENT_TYPES), id: uuid }).strict()

export const commentBody = requiredText(LIMITS.comment, 'Comment')

export const commentAdd = z
  .object({ parent: parentRef, body: commentBody, is_internal: z.boolean().optional() })
  .strict()
export type CommentAdd = z.input<typeof commentAdd>

/** An edit of a comment's text, or of whether a case comment is an internal note (or both). */
export const commentUpdate = z
  .object({ id: uuid, body: commentBody.optional(), is_internal: z.boolean().optional() })
  .strict()
  .refine((v) => v.body !== undefined || v.is_internal !== undefined, { message: 'Nothing to change', path: ['body'] })
export type CommentUpdate = z.input<typeof commentUpdate>

/** A comment by someone else that mentions the local user, with the name of the record it is on. */
export interface CommentMention {
  comment: Comment
  parentTitle: string
}
