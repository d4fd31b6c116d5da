import type { z } from 'zod'
import { accountCreate } from '../../../shared/domain/accounts'
import { caseCreate } from '../../../shared/domain/cases'
import { CASE_PRIORITIES, CASE_STATUSES, CASE_TYPES, INDUSTRIES, type ParentType } from '../../../shared/domain/choices'
import { contactCreate } from '../../../shared/domain/contacts'
import type { Result } from '../../../shared/ipc/errors'
import { personName } from '../app/format'
import { toValue, type FieldSpec, type FormValues } from './fields'

// What each record's form shows, which shared schema checks it, and how it is
// loaded and saved. The schemas are the main process's own (src/shared/domain).

export interface Relations { account: boolean; contacts: boolean }

export interface FormConfig {
  noun: string
  fields: FieldSpec[]
  relations: Relations
  /** The create schema: its rules (closing date, formats) apply to an edit's merged values too. */
  schema: z.ZodType
  load(id: string): Promise<Result<FormValues>>
  create(payload: Record<string, unknown>): Promise<Result<{ id: string }>>
  update(id: string, patch: Record<string, unknown>): Promise<Result<{ id: string }>>
  titleOf(values: FormValues): string
}

/** The address block accounts and contacts share, with the description after it. */
const addressAndDescription: FieldSpec[] = [
  { name: 'address_line', label: 'Address', kind: 'text', wide: true },
  { name: 'city', label: 'City', kind: 'text' },
  { name: 'postcode', label: 'Postcode', kind: 'text' },
  { name: 'state', label: 'State / region', kind: 'text' },
  { name: 'country', label: 'Country code', kind: 'text', placeholder: 'US' },
  { name: 'description', label: 'Description', kind: 'textarea', wide: true },
]

const accountFields: FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text', required: true, wide: true },
  { name: 'email', label: 'Email', kind: 'email' },
  { name: 'phone', label: 'Phone', kind: 'tel' },
  { name: 'website', label: 'Website', kind: 'url', placeholder: 'https://' },
  { name: 'industry', label: 'Industry', kind: 'select', options: INDUSTRIES },
  { name: 'number_of_employees', label: 'Employees', kind: 'integer' },
  { name: 'annual_revenue', label: 'Annual revenue', kind: 'text', placeholder: '0.00' },
  { name: 'currency', label: 'Currency', kind: 'text', placeholder: 'USD' },
  ...addressAndDescription,
  { name: 'is_active', label: 'Active', kind: 'checkbox' },
]

const contactFields: FieldSpec[] = [
  { name: 'first_name', label: 'First name', kind: 'text', required: true },
  { name: 'last_name', label: 'Last name', kind: 'text', required: true },
  { name: 'email', label: 'Email', kind: 'email' },
  { name: 'phone', label: 'Phone', kind: 'tel' },
  { name: 'title', label: 'Job title', kind: 'text' },
  { name: 'department', label: 'Department', kind: 'text' },
  { name: 'organization', label: 'Organization', kind: 'text' },
  { name: 'linkedin_url', label: 'LinkedIn', kind: 'url', placeholder: 'https://' },
  ...addressAndDescription,
  { name: 'do_not_call', label: 'Do not call', kind: 'checkbox' },
  { name: 'is_active', label: 'Active', kind: 'checkbox' },
]

const caseFields: FieldSpec[] = [
  { name: 'name', label: 'Subject', kind: 'text', required: true, wide: true },
  { name: 'status', label: 'Status', kind: 'select', options: CASE_STATUSES, required: true },
  { name: 'priority', label: 'Priority', kind: 'select', options: CASE_PRIORITIES, required: true },
  { name: 'case_type', label: 'Type', kind: 'select', options: CASE_TYPES },
  { name: 'closed_on', label: 'Closed on', kind: 'date' },
  { name: 'description', label: 'Description', kind: 'textarea', wide: true },
  { name: 'is_active', label: 'Active', kind: 'checkbox' },
]

function valuesFrom(specs: FieldSpec[], record: object): FormValues {
  const values: FormValues = {}
  for (const s of specs) values[s.name] = toValue(s, (record as Record<string, unknown>)[s.name])
  return values
}

function mapResult<T>(r: Result<T>, f: (v: T) => FormValues): Result<FormValues> {
  return r.ok ? { ok: true, value: f(r.value) } : r
}

export const FORM_CONFIGS: Record<ParentType, FormConfig> = {
  account: {
    noun: 'account',
    fields: accountFields,
    relations: { account: false, contacts: false },
    schema: accountCreate,
    load: async (id) =>
      mapResult(await window.crm.accounts.get({ id }), ({ account }) => ({
        ...valuesFrom(accountFields, account),
        tag_ids: account.tags.map((t) => t.id),
        assignee_ids: account.assignees.map((u) => u.id),
        team_ids: account.teams.map((t) => t.id),
      })),
    create: (p) => window.crm.accounts.create(p as never),
    update: (id, patch) => window.crm.accounts.update({ id, patch: patch as never }),
    titleOf: (v) => String(v['name'] ?? ''),
  },
  contact: {
    noun: 'contact',
    fields: contactFields,
    relations: { account: true, contacts: false },
    schema: contactCreate,
    load: async (id) =>
      mapResult(await window.crm.contacts.get({ id }), ({ contact, account }) => ({
        ...valuesFrom(contactFields, contact),
        account_id: account,
        tag_ids: contact.tags.map((t) => t.id),
        assignee_ids: contact.assignees.map((u) => u.id),
        team_ids: contact.teams.map((t) => t.id),
      })),
    create: (p) => window.crm.contacts.create(p as never),
    update: (id, patch) => window.crm.contacts.update({ id, patch: patch as never }),
    titleOf: (v) => personName({ first_name: String(v['first_name'] ?? ''), last_name: String(v['last_name'] ?? '') }),
  },
  case: {
    noun: 'case',
    fields: caseFields,
    relations: { account: true, contacts: true },
    schema: caseCreate,
    load: async (id) =>
      mapResult(await window.crm.cases.get({ id }), ({ case: c, account, contacts }) => ({
        ...valuesFrom(caseFields, c),
        account_id: account,
        contact_ids: contacts.map((x) => x.id),
        tag_ids: c.tags.map((t) => t.id),
        assignee_ids: c.assignees.map((u) => u.id),
        team_ids: c.teams.map((t) => t.id),
      })),
    create: (p) => window.crm.cases.create(p as never),
    update: (id, patch) => window.crm.cases.update({ id, patch: patch as never }),
    titleOf: (v) => String(v['name'] ?? ''),
  },
}

export function blankValues(config: FormConfig, defaults?: { account_id?: string; account_name?: string }): FormValues {
  const values: FormValues = {}
  for (const s of config.fields) values[s.name] = s.kind === 'checkbox' ? s.name === 'is_active' : ''
  if (config.noun === 'case') {
    values['status'] = 'New'
    values['priority'] = 'Normal'
  }
  values['tag_ids'] = []
  values['assignee_ids'] = []
  values['team_ids'] = []
  if (config.relations.contacts) values['contact_ids'] = []
  if (config.relations.account) values['account_id'] = defaults?.account_id ? { id: defaults.account_id, name: defaults.account_name ?? '' } : null
  return values
}
