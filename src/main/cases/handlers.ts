import type { Transaction } from 'kysely'
import { CLOSED_ON_REQUIRED } from '../../shared/domain/cases'
import { conflict, invalid, notFound } from '../../shared/ipc/errors'
import { accountRef } from '../accounts/queries'
import { contactsOfCase } from '../contacts/queries'
import type { Database } from '../db/schema'
import { holdingConnection } from '../db/held-connection'
import type { HandlerMap } from '../ipc/handler'
import { recordChange } from '../outbox/record'
import { textKey } from '../records/keys'
import { newCaseRow } from '../records/new-row'
import { assertParentExists } from '../records/parent'
import { relationsOf } from '../records/relations'
import { isUniqueViolation } from '../records/sqlite-errors'
import { timelineOf } from '../records/timeline'
import { columnsOf, deleteRecord, linkedIds, updateRow, writeRelations } from '../records/write'
import { recordStatus } from './history'
import { caseIdByNameKey, findCase, listCases, toCase } from './queries'
import { withReopenRule } from './reopen'

const caseNotFound = () => notFound('The case')
export const duplicateName = (name: string) => conflict('name', `A case named "${name}" already exists`)

async function assertNameFree(trx: Transaction<Database>, name: string | undefined, self?: string) {
  if (name === undefined) return
  const owner = await caseIdByNameKey(trx, textKey(name))
  if (owner && owner !== self) throw duplicateName(name)
}

async function setContacts(trx: Transaction<Database>, caseId: string, contactIds: string[] | undefined) {
  if (!contactIds) return
  if (contactIds.length) {
    const found = await trx.selectFrom('contacts').select('id').where('id', 'in', contactIds).execute()
    if (found.length !== contactIds.length) throw invalid('contact_ids', 'One of the contacts was not found; it may have been deleted')
  }
  await trx.deleteFrom('case_contacts').where('case_id', '=', caseId).execute()
  if (contactIds.length) await trx.insertInto('case_contacts').values(contactIds.map((contact_id) => ({ case_id: caseId, contact_id }))).execute()
}

function rethrowUnique(error: unknown, name: string | undefined): never {
  if (name && isUniqueViolation(error, 'cases', 'name_key')) throw duplicateName(name)
  throw error
}

const CASE_ACCOUNT_FIXED = 'This case is on the server, where a case cannot move to another account: create a new case there instead'

export const caseHandlers: HandlerMap<'cases'> = {
  async 'cases.list'(query, { db }) {
    const { items, total } = await holdingConnection(db, (reads) => listCases(reads, query))
    return { items, total, limit: query.limit, offset: query.offset }
  },

  async 'cases.get'({ id }, { db }) {
    return holdingConnection(db, async (reads) => {
      const row = await findCase(reads, id)
      if (!row) throw caseNotFound()
      const [relations, account, contacts, timeline] = await Promise.all([
        relationsOf(reads, 'case', id),
        accountRef(reads, row.account_id),
        contactsOfCase(reads, id),
        timelineOf(reads, { type: 'case', id }),
      ])
      return { case: Object.assign(toCase(row), relations), account, contacts, timeline }
    })
  },

  async 'cases.create'(input, s) {
    const id = s.clock.newId()
    const now = s.clock.now()
    try {
      const row = await s.db.kysely.transaction().execute(async (trx) => {
        await assertNameFree(trx, input.name)
        if (input.account_id) await assertParentExists(trx, { type: 'account', id: input.account_id })
        await trx
          .insertInto('cases')
          .values(newCaseRow(input, { id, now, meId: s.meId }))
          .execute()
        await writeRelations(trx, 'case', id, input)
        await setContacts(trx, id, input.contact_ids)
        await recordChange(trx, { entity: 'case', recordId: id, op: 'create' }, now)
        await recordStatus(trx, s, id, { before: null, after: input.status }, now)
        return (await findCase(trx, id))!
      })
      s.onLocalChange?.()
      return toCase(row)
    } catch (error) {
      rethrowUnique(error, input.name)
    }
  },

  async 'cases.update'({ id, patch: edit }, s) {
    try {
      const row = await s.db.kysely.transaction().execute(async (trx) => {
        const current = await findCase(trx, id)
        if (!current) throw caseNotFound()
        const patch = withReopenRule(current.status, edit)
        // Checked on the merged record: closing needs a date, whichever field the edit touches.
        const status = patch.status ?? current.status
        const closedOn = patch.closed_on !== undefined ? patch.closed_on : current.closed_on
        if (status === 'Closed' && !closedOn) throw invalid('closed_on', CLOSED_ON_REQUIRED)
        // Django-CRM ignores `account` on a case update: a case on the server cannot move, so it is refused now, not after a sync.
        if (current.remote_id && patch.account_id !== undefined && patch.account_id !== current.account_id) throw invalid('account_id', CASE_ACCOUNT_FIXED)
        await assertNameFree(trx, patch.name, id)
        if (patch.account_id) await assertParentExists(trx, { type: 'account', id: patch.account_id })
        const extra: Record<string, unknown> = {}
        if (patch.name !== undefined && textKey(patch.name) !== current.name_key) extra.name_key = textKey(patch.name)
        let changed = await updateRow(trx, s, 'cases', 'case', current, columnsOf(patch), patch, extra)
        if (patch.contact_ids) {
          const stored = await linkedIds(trx, 'case', id, 'contact_ids')
          // updateRow already counted contact_ids as a changed field and bumped the version;
          // the links themselves are written here because they point at contacts, not lookups.
          if (stored.length !== patch.contact_ids.length || !patch.contact_ids.every((c) => stored.includes(c))) {
            await setContacts(trx, id, patch.contact_ids)
            changed = true
          }
        }
        if (!changed) return current
        const row = (await findCase(trx, id))!
        // The row's updated_at is the moment of the change, the same one its outbox entry carries.
        if (row.status !== current.status) await recordStatus(trx, s, id, { before: current.status, after: row.status }, row.updated_at)
        return row
      })
      s.onLocalChange?.()
      return toCase(row)
    } catch (error) {
      rethrowUnique(error, edit.name)
    }
  },

  async 'cases.delete'({ id }, s) {
    await deleteRecord(s, 'cases', 'case', id, caseNotFound)
    return { id }
  },
}
