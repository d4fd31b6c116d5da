import { z } from 'zod'
import { CASE_PRIORITIES, CASE_STATUSES, CASE_TYPES, LIMITS } from './choices'
import { description, idList, isoDate, nameText, pageWindow, searchText, sortDirection, uuid } from './fields'

export const caseFields = z.object({
  name: nameText(LIMITS.caseName, 'Name'),
  status: z.enum(CASE_STATUSES, { message: 'Pick a status' }),
  priority: z.enum(CASE_PRIORITIES, { message: 'Pick a priority' }),
  case_type: z.enum(CASE_TYPES).nullable().optional(),
  closed_on: isoDate.nullable().optional(),
  description: description.optional(),
  account_id: uuid.nullable().optional(),
  is_active: z.boolean().optional(),
  contact_ids: idList.optional(),
  tag_ids: idList.optional(),
  assignee_ids: idList.optional(),
  team_ids: idList.optional(),
})

/** The server refuses to close a case without its closing date; so do we. */
export const CLOSED_ON_REQUIRED = 'Closing a case needs its closing date'

/** A new case's rules over its fields together (the import preview runs them alone: main/import/row-check.ts). */
export function caseCreateRules(c: z.output<typeof caseFields>, ctx: z.RefinementCtx): void {
  if (c.status === 'Closed' && !c.closed_on) ctx.addIssue({ code: 'custom', path: ['closed_on'], message: CLOSED_ON_REQUIRED })
}
export const caseCreate = caseFields.strict().superRefine(caseCreateRules)
export type CaseCreate = z.input<typeof caseCreate>

// The closed_on rule for an update depends on the stored status too, so the
// main process checks the merged record; see cases/handlers.
export const caseUpdate = z.object({ id: uuid, patch: caseFields.partial().strict() }).strict()
export type CaseUpdate = z.input<typeof caseUpdate>

export const CASE_SORTS = ['name', 'status', 'priority', 'created_at', 'updated_at'] as const

export const caseListQuery = z
  .object({
    name: searchText,
    status: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).optional(),
    /** Shorthand for New, Assigned and Pending. */
    open_only: z.boolean().optional(),
    priority: z.enum(CASE_PRIORITIES).optional(),
    case_type: z.enum(CASE_TYPES).optional(),
    assignee_id: uuid.optional(),
    account_id: uuid.optional(),
    tag_ids: idList.optional(),
    state: z.enum(['active', 'closed', 'all']).default('active'),
    sort: z.enum(CASE_SORTS).default('created_at'),
    direction: sortDirection,
    ...pageWindow,
  })
  .strict()
export type CaseListQuery = z.input<typeof caseListQuery>
