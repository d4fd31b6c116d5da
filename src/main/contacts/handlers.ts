import type { Transaction } from 'kysely'
import { conflict, notFound } from '../../shared/ipc/errors'
import { accountRef } from '../accounts/queries'
import { casesOfContact } from '../cases/queries'
import type { Database } from '../db/schema'
import { holdingConnection } from '../db/held-connection'
import type { HandlerMap } from '../ipc/handler'
import { recordChange } from '../outbox/record'
import { textKey } from '../records/keys'
import { newContactRow } from '../records/new-row'
import { assertParentExists } from '../records/parent'
import { relationsOf } from '../records/relations'
import { isUniqueViolation } from '../records/sqlite-errors'
import { timelineOf } from '../records/timeline'
import { columnsOf, deleteRecord, updateRow, writeRelations } from '../records/write'
import { contactIdByEmailKey, contactNameKey, findContact, listContacts, toContact } from './queries'

const contactNotFound = () => notFound('The contact')
export const duplicateEmail = (email: string) => conflict('email', `A contact with the email ${email} already exists`)

async function assertEmailFree(trx: Transaction<Database>, email: string | null | undefined, self?: string) {
  if (!email) return
  const owner = await contactIdByEmailKey(trx, textKey(email))
  if (owner && owner !== self) throw duplicateEmail(email)
}

async function assertAccount(trx: Transaction<Database>, accountId: string | null | undefined) {
  if (accountId) await assertParentExists(trx, { type: 'account', id: accountId })
}

function rethrowUnique(error: unknown, email: string | null | undefined): never {
  if (email && isUniqueViolation(error, 'contacts', 'email_key')) throw duplicateEmail(email)
  throw error
}

export const contactHandlers: HandlerMap<'contacts'> = {
  async 'contacts.list'(query, { db }) {
    const { items, total } = await holdingConnection(db, (reads) => listContacts(reads, query))
    return { items, total, limit: query.limit, offset: query.offset }
  },

  async 'contacts.get'({ id }, { db }) {
    return holdingConnection(db, async (reads) => {
      const row = await findContact(reads, id)
      if (!row) throw contactNotFound()
      const [relations, account, cases, timeline] = await Promise.all([
        relationsOf(reads, 'contact', id),
        accountRef(reads, row.account_id),
        casesOfContact(reads, id),
        timelineOf(reads, { type: 'contact', id }),
      ])
      return { contact: Object.assign(toContact(row), relations), account, cases, timeline }
    })
  },

  async 'contacts.create'(input, s) {
    const id = s.clock.newId()
    const now = s.clock.now()
    try {
      const row = await s.db.kysely.transaction().execute(async (trx) => {
        await assertEmailFree(trx, input.email)
        await assertAccount(trx, input.account_id)
        await trx
          .insertInto('contacts')
          .values(newContactRow(input, { id, now, meId: s.meId }))
          .execute()
        await writeRelations(trx, 'contact', id, input)
        await recordChange(trx, { entity: 'contact', recordId: id, op: 'create' }, now)
        return (await findContact(trx, id))!
      })
      s.onLocalChange?.()
      return toContact(row)
    } catch (error) {
      rethrowUnique(error, input.email)
    }
  },

  async 'contacts.update'({ id, patch }, s) {
    try {
      const row = await s.db.kysely.transaction().execute(async (trx) => {
        const current = await findContact(trx, id)
        if (!current) throw contactNotFound()
        await assertEmailFree(trx, patch.email, id)
        await assertAccount(trx, patch.account_id)
        const extra: Record<string, unknown> = {}
        const first = patch.first_name ?? current.first_name
        const last = patch.last_name ?? current.last_name
        const nameKey = contactNameKey(first, last)
        if (nameKey !== current.name_key) extra.name_key = nameKey
        if (patch.email !== undefined) {
          const emailKey = patch.email ? textKey(patch.email) : null
          if (emailKey !== current.email_key) extra.email_key = emailKey
        }
        const changed = await updateRow(trx, s, 'contacts', 'contact', current, columnsOf(patch), patch, extra)
        return changed ? (await findContact(trx, id))! : current
      })
      s.onLocalChange?.()
      return toContact(row)
    } catch (error) {
      rethrowUnique(error, patch.email)
    }
  },

  async 'contacts.delete'({ id }, s) {
    await deleteRecord(s, 'contacts', 'contact', id, contactNotFound)
    return { id }
  },
}
