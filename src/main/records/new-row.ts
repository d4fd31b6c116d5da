import type { Insertable } from 'kysely'
import type { HandlerInput } from '../../shared/ipc/contract'
import { contactNameKey } from '../contacts/queries'
import type { AccountsTable, CasesTable, ContactsTable } from '../db/schema'
import { cityKey, flag, textKey } from './keys'
import { columnsOf } from './write'

// The row a create writes for a new account, contact or case, built from its
// validated input: the create handlers insert it with Kysely, the CSV import
// with a prepared statement (import/create-rows.ts), so both write the same
// record.

/** Who makes the record, and when. */
export interface NewRecord {
  id: string
  now: string
  meId: string
}

// Built by assigning to columnsOf's object: an object literal spreading it and
// adding these keys took V8 about 15 µs a row, more than the row's insert.

/** The input's columns with what every new record carries: its id, open state, maker and times. */
function newRow(input: Parameters<typeof columnsOf>[0] & { is_active?: boolean }, r: NewRecord): Record<string, unknown> {
  const row = columnsOf(input) as Record<string, unknown>
  row.id = r.id
  row.is_active = flag(input.is_active ?? true)
  row.created_by = r.meId
  row.created_at = r.now
  row.updated_at = r.now
  return row
}

export function newAccountRow(input: HandlerInput<'accounts.create'>, r: NewRecord): Insertable<AccountsTable> {
  const row = newRow(input, r)
  row.name_key = textKey(input.name)
  row.city_key = cityKey(input.city)
  return row as unknown as Insertable<AccountsTable>
}

export function newContactRow(input: HandlerInput<'contacts.create'>, r: NewRecord): Insertable<ContactsTable> {
  const row = newRow(input, r)
  row.name_key = contactNameKey(input.first_name, input.last_name)
  row.email_key = input.email ? textKey(input.email) : null
  row.city_key = cityKey(input.city)
  row.do_not_call = flag(input.do_not_call ?? false)
  return row as unknown as Insertable<ContactsTable>
}

export function newCaseRow(input: HandlerInput<'cases.create'>, r: NewRecord): Insertable<CasesTable> {
  const row = newRow(input, r)
  row.name_key = textKey(input.name)
  return row as unknown as Insertable<CasesTable>
}
