import type { Kysely, Transaction } from 'kysely'
import type { ImportKind } from '../../shared/domain/import'
import { accountIdByNameKey } from '../accounts/queries'
import { caseIdByNameKey } from '../cases/queries'
import { contactIdByEmailKey } from '../contacts/queries'
import type { Database } from '../db/schema'
import { textKey } from '../records/keys'

type Q = Kysely<Database> | Transaction<Database>

// The one field per record type that must be unique (ignoring case): an
// account's or a case's name, a contact's email. An import checks it within
// the file and against the database, as the create handlers do.

const UNIQUE = {
  accounts: { field: 'name', taken: accountIdByNameKey, label: (v: string) => `An account named "${v}" already exists` },
  contacts: { field: 'email', taken: contactIdByEmailKey, label: (v: string) => `A contact with the email ${v} already exists` },
  cases: { field: 'name', taken: caseIdByNameKey, label: (v: string) => `A case named "${v}" already exists` },
} as const

export function uniqueFieldOf(kind: ImportKind): 'name' | 'email' {
  return UNIQUE[kind].field
}

/** A row's unique value repeats the one of row `earlier` of the file. */
export const sameAsRow = (kind: ImportKind, earlier: number) => `Same ${UNIQUE[kind].field} as row ${earlier}`

/** A row's unique value is a stored record's. */
export const takenBy = (kind: ImportKind, value: string) => UNIQUE[kind].label(value)

/** Remembers the unique values seen so far in a file; answers the first problem with a row's value. */
export class UniquenessCheck {
  private readonly seen = new Map<string, number>()
  constructor(private readonly kind: ImportKind) {}

  /** A message if `value` repeats an earlier row's (`checkDb`: or a stored record's other than `self`, the record a row updates); records it otherwise. */
  async problem(db: Q, value: unknown, row: number, checkDb: boolean, self?: string): Promise<string | null> {
    if (typeof value !== 'string' || !value) return null
    const key = textKey(value)
    const earlier = this.seen.get(key)
    if (earlier !== undefined) return sameAsRow(this.kind, earlier)
    this.seen.set(key, row)
    if (!checkDb) return null
    const taken = await UNIQUE[this.kind].taken(db, key)
    if (taken && taken !== self) return takenBy(this.kind, value)
    return null
  }
}

/** Whether a record of this type has this id (a row carrying it updates the record). */
export async function isStored(db: Q, kind: ImportKind, id: string): Promise<boolean> {
  return (await db.selectFrom(kind).select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

/** The id of the account named `name` (any case), if there is one. */
export async function accountIdByName(db: Q, name: string): Promise<string | undefined> {
  return accountIdByNameKey(db, textKey(name))
}
