import { z } from 'zod'
import { LIMITS } from './choices'
import {
  country, description, email, idList, nameText, optionalText, pageWindow, phone, searchText,
  sortDirection, url, uuid,
} from './fields'

export const contactFields = z.object({
  first_name: nameText(LIMITS.personName, 'First name'),
  last_name: nameText(LIMITS.personName, 'Last name'),
  email: email.optional(),
  phone: phone.optional(),
  organization: optionalText(LIMITS.shortText).optional(),
  title: optionalText(LIMITS.shortText).optional(),
  department: optionalText(LIMITS.shortText).optional(),
  do_not_call: z.boolean().optional(),
  linkedin_url: url.optional(),
  address_line: optionalText(LIMITS.shortText).optional(),
  city: optionalText(LIMITS.shortText).optional(),
  state: optionalText(LIMITS.shortText).optional(),
  postcode: optionalText(LIMITS.postcode).optional(),
  country: country.optional(),
  description: description.optional(),
  account_id: uuid.nullable().optional(),
  is_active: z.boolean().optional(),
  tag_ids: idList.optional(),
  assignee_ids: idList.optional(),
  team_ids: idList.optional(),
})

export const contactCreate = contactFields.strict()
export type ContactCreate = z.input<typeof contactCreate>

export const contactUpdate = z.object({ id: uuid, patch: contactFields.partial().strict() }).strict()
export type ContactUpdate = z.input<typeof contactUpdate>

export const CONTACT_SORTS = ['last_name', 'first_name', 'email', 'city', 'created_at', 'updated_at'] as const

export const contactListQuery = z
  .object({
    /** Part of the first or last name, any case. */
    name: searchText,
    /** The list's search box: part of the name, email, organization, title or account name, any case. */
    search: searchText,
    email: searchText,
    city: searchText,
    account_id: uuid.optional(),
    tag_ids: idList.optional(),
    assignee_id: uuid.optional(),
    state: z.enum(['active', 'closed', 'all']).default('active'),
    sort: z.enum(CONTACT_SORTS).default('last_name'),
    direction: sortDirection,
    ...pageWindow,
  })
  .strict()
export type ContactListQuery = z.input<typeof contactListQuery>
