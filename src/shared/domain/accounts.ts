import { z } from 'zod'
import { INDUSTRIES, LIMITS } from './choices'
import {
  country, currency, description, email, idList, money, optionalText, pageWindow, phone,
  nameText, searchText, sortDirection, url, uuid,
} from './fields'
import { wholeNumber } from './whole-number'

/** Every editable account field; create requires `name`, update takes any subset. */
export const accountFields = z.object({
  name: nameText(LIMITS.accountName, 'Name'),
  email: email.optional(),
  phone: phone.optional(),
  website: url.optional(),
  industry: z.enum(INDUSTRIES, { message: 'Pick an industry from the list' }).nullable().optional(),
  number_of_employees: wholeNumber(100_000_000).optional(),
  annual_revenue: money.optional(),
  currency: currency.optional(),
  address_line: optionalText(LIMITS.shortText).optional(),
  city: optionalText(LIMITS.shortText).optional(),
  state: optionalText(LIMITS.shortText).optional(),
  postcode: optionalText(LIMITS.postcode).optional(),
  country: country.optional(),
  description: description.optional(),
  is_active: z.boolean().optional(),
  tag_ids: idList.optional(),
  assignee_ids: idList.optional(),
  team_ids: idList.optional(),
})

export const accountCreate = accountFields.strict()
export type AccountCreate = z.input<typeof accountCreate>

export const accountUpdate = z
  .object({ id: uuid, patch: accountFields.partial().strict() })
  .strict()
export type AccountUpdate = z.input<typeof accountUpdate>

export const ACCOUNT_SORTS = ['name', 'city', 'industry', 'created_at', 'updated_at'] as const

/** An account's detail: its first cases and timeline entries (FIRST_SHOWN), or all of them. */
export const accountGet = z.object({ id: uuid, all: z.boolean().optional() }).strict()

export const accountListQuery = z
  .object({
    /** Part of the name, any case. */
    name: searchText,
    city: searchText,
    industry: z.enum(INDUSTRIES).optional(),
    tag_ids: idList.optional(),
    assignee_id: uuid.optional(),
    /** 'active' (default), 'closed', or 'all'. */
    state: z.enum(['active', 'closed', 'all']).default('active'),
    sort: z.enum(ACCOUNT_SORTS).default('name'),
    direction: sortDirection,
    ...pageWindow,
  })
  .strict()
export type AccountListQuery = z.input<typeof accountListQuery>
