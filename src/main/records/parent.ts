import type { Kysely, Transaction } from 'kysely'
import type { ParentRef } from '../../shared/domain/records'
import { notFound } from '../../shared/ipc/errors'
import { perType, prepare } from '../db/prepared'
import type { Database } from '../db/schema'

type Q = Kysely<Database> | Transaction<Database>

export const PARENT_TABLE = { account: 'accounts', contact: 'contacts', case: 'cases' } as const
export const PARENT_COLUMN = { account: 'account_id', contact: 'contact_id', case: 'case_id' } as const
const LABEL = { account: 'The account', contact: 'The contact', case: 'The case' } as const

/** The parent reference of a comment or attachment row. */
export function parentOf(row: { account_id: string | null; contact_id: string | null; case_id: string | null }): ParentRef {
  if (row.account_id) return { type: 'account', id: row.account_id }
  if (row.contact_id) return { type: 'contact', id: row.contact_id }
  return { type: 'case', id: row.case_id! }
}

/** The three parent columns of a new comment or attachment. */
export function parentColumns(parent: ParentRef) {
  return {
    account_id: parent.type === 'account' ? parent.id : null,
    contact_id: parent.type === 'contact' ? parent.id : null,
    case_id: parent.type === 'case' ? parent.id : null,
  }
}

// Prepared once per type: every new contact, case, comment and imported row asks it (see db/prepared.ts).
const PARENT_ID = perType((type) => prepare((db, v: { id: string }) => db.selectFrom(PARENT_TABLE[type]).select('id').where('id', '=', v.id)))

export async function assertParentExists(db: Q, parent: ParentRef): Promise<void> {
  const row = await PARENT_ID[parent.type].first(db, { id: parent.id })
  if (!row) throw notFound(LABEL[parent.type])
}
