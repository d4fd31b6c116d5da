import { CASE_PRIORITIES, CASE_STATUSES, CASE_TYPES, INDUSTRIES } from '../../shared/domain/choices'
import type { ImportField, ImportKind, RowError } from '../../shared/domain/import'
import { contract } from '../../shared/ipc/contract'
import { fieldErrors } from '../ipc/dispatch'
import { unguard } from './csv-cells'
import { splitList, tagNamesOf } from './links'

// Turns one CSV row into the payload of the matching create call, then checks
// it with that call's own schema, so an imported record obeys exactly the
// rules a record typed into the form does.

export const CREATE_CHANNEL = { accounts: 'accounts.create', contacts: 'contacts.create', cases: 'cases.create' } as const

const CHOICES: Partial<Record<string, readonly string[]>> = {
  industry: INDUSTRIES,
  status: CASE_STATUSES,
  priority: CASE_PRIORITIES,
  case_type: CASE_TYPES,
}
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const BOOLEAN_FIELDS = new Set(['is_active', 'do_not_call'])
const YES = new Set(['yes', 'y', 'true', '1', 'x'])
const NO = new Set(['no', 'n', 'false', '0'])


export interface ParsedRow {
  /** The create payload, validated and transformed by the create schema. */
  input: Record<string, unknown> | null
  /** The account the row names by name (contacts and cases), to be looked up. */
  accountName: string | null
  /** Tag names (normalised as tag names are), to be looked up or made (links.ts). */
  tagNames: string[]
  /** Users by email or name, to be looked up (links.ts). */
  assigneeRefs: string[]
  /** The app id the row carries (an exported row): it updates that record when it exists. */
  recordId: string | null
  errors: RowError[]
}

/** One cell as the value the create schema expects; a string it cannot read is left for the schema to refuse. */
export function cellValue(field: string, raw: string): { value: unknown } | { error: string } {
  const choices = CHOICES[field]
  if (choices) {
    const found = choices.find((c) => c.toLowerCase() === raw.toLowerCase())
    return found ? { value: found } : { error: `Not one of the choices: ${choices.join(', ')}` }
  }
  if (BOOLEAN_FIELDS.has(field)) {
    const v = raw.toLowerCase()
    if (YES.has(v)) return { value: true }
    if (NO.has(v)) return { value: false }
    return { error: 'Use yes or no' }
  }
  if (field === 'number_of_employees') {
    const n = raw.replace(/[\s,_]/g, '')
    return /^\d{1,9}$/.test(n) ? { value: Number(n) } : { error: 'A whole number' }
  }
  return { value: raw }
}

/** Reads one row with the mapping; `row` is its spreadsheet row number, for the errors. */
export function parseRow(kind: ImportKind, mapping: readonly (ImportField | null)[], cells: readonly string[], row: number): ParsedRow {
  const payload: Record<string, unknown> = {}
  const errors: RowError[] = []
  let accountName: string | null = null
  let tagNames: string[] = []
  let assigneeRefs: string[] = []
  let recordId: string | null = null
  mapping.forEach((field, i) => {
    if (!field) return
    const raw = unguard((cells[i] ?? '').trim())
    // An empty cell leaves the field unset: a required field then gets the schema's "is required".
    if (raw === '') return
    if (field === 'account') {
      accountName = raw
      return
    }
    if (field === 'tags') {
      const names = tagNamesOf(raw)
      if ('error' in names) errors.push({ row, field, message: names.error })
      else tagNames = names.names
      return
    }
    if (field === 'id') {
      if (UUID.test(raw)) recordId = raw.toLowerCase()
      else errors.push({ row, field, message: 'Not an id this app wrote' })
      return
    }
    if (field === 'assignees') {
      assigneeRefs = splitList(raw)
      return
    }
    const converted = cellValue(field, raw)
    if ('error' in converted) errors.push({ row, field, message: converted.error })
    else payload[field] = converted.value
  })
  const parsed = contract[CREATE_CHANNEL[kind]].input.safeParse(payload)
  if (!parsed.success) {
    for (const [field, messages] of Object.entries(fieldErrors(parsed.error))) {
      if (errors.some((e) => e.field === field)) continue
      errors.push({ row, field: field === '_' ? null : field, message: messages[0] ?? 'Not valid' })
    }
  }
  return { input: parsed.success && !errors.length ? (parsed.data as Record<string, unknown>) : null, accountName, tagNames, assigneeRefs, recordId, errors }
}
