import { FIRST_SHOWN } from '../../shared/domain/first-shown'
import type { TimelineEntry } from '../../shared/domain/records'
import { conflict, notFound } from '../../shared/ipc/errors'
import { holdingConnection } from '../db/held-connection'
import type { HandlerMap } from '../ipc/handler'
import { textKey } from '../records/keys'
import { newAccountRow } from '../records/new-row'
import { relationsOf } from '../records/relations'
import { isUniqueViolation } from '../records/sqlite-errors'
import { timelineOf } from '../records/timeline'
import { columnsOf, deleteRecord, updateRow, writeRelations } from '../records/write'
import { recordChange } from '../outbox/record'
import { accountIdByNameKey, findAccount, listAccounts, toAccount } from './queries'
import { accountDeleteImpact } from './delete-impact'
import { caseCountOfAccount, casesOfAccount, RELATED_CASES_MAX } from '../cases/queries'
import { contactsOfAccount } from '../contacts/queries'

const accountNotFound = () => notFound('The account')

const isInternalNote = (e: TimelineEntry) => e.kind === 'comment' && e.comment.is_internal

/** Every internal note (shown apart, all of them) and the newest FIRST_SHOWN other entries. */
function firstActivity(timeline: TimelineEntry[]): { timeline: TimelineEntry[]; unsentActivity: number } {
  let activity = 0
  const kept = timeline.filter((e) => isInternalNote(e) || ++activity <= FIRST_SHOWN)
  return { timeline: kept, unsentActivity: Math.max(0, activity - FIRST_SHOWN) }
}
export const duplicateName = (name: string) => conflict('name', `An account named "${name}" already exists`)

export const accountHandlers: HandlerMap<'accounts'> = {
  async 'accounts.list'(query, { db }) {
    const { items, total } = await holdingConnection(db, (reads) => listAccounts(reads, query))
    return { items, total, limit: query.limit, offset: query.offset }
  },

  async 'accounts.get'({ id, all }, { db }) {
    return holdingConnection(db, async (reads) => {
      const row = await findAccount(reads, id)
      if (!row) throw accountNotFound()
      const [relations, contacts, cases, caseCount, timeline] = await Promise.all([
        relationsOf(reads, 'account', id),
        contactsOfAccount(reads, id),
        casesOfAccount(reads, id, all ? RELATED_CASES_MAX : FIRST_SHOWN),
        all ? 0 : caseCountOfAccount(reads, id),
        timelineOf(reads, { type: 'account', id }),
      ])
      // The busiest account's whole answer was 300 kB (368 cases, 295 entries) for a screen that shows
      // 50 of each: the rest is sent when the user asks for it (`all`).
      const first = all ? { timeline, unsentActivity: 0 } : firstActivity(timeline)
      return {
        account: Object.assign(toAccount(row), relations),
        contacts,
        cases,
        timeline: first.timeline,
        unsent: { cases: all ? 0 : Math.max(0, Math.min(caseCount, RELATED_CASES_MAX) - cases.length), activity: first.unsentActivity },
      }
    })
  },

  async 'accounts.create'(input, s) {
    const id = s.clock.newId()
    const now = s.clock.now()
    const nameKey = textKey(input.name)
    try {
      const row = await s.db.kysely.transaction().execute(async (trx) => {
        if (await accountIdByNameKey(trx, nameKey)) throw duplicateName(input.name)
        await trx
          .insertInto('accounts')
          .values(newAccountRow(input, { id, now, meId: s.meId }))
          .execute()
        await writeRelations(trx, 'account', id, input)
        await recordChange(trx, { entity: 'account', recordId: id, op: 'create' }, now)
        return (await findAccount(trx, id))!
      })
      s.onLocalChange?.()
      return toAccount(row)
    } catch (error) {
      if (isUniqueViolation(error, 'accounts', 'name_key')) throw duplicateName(input.name)
      throw error
    }
  },

  async 'accounts.update'({ id, patch }, s) {
    const row = await s.db.kysely.transaction().execute(async (trx) => {
      const current = await findAccount(trx, id)
      if (!current) throw accountNotFound()
      const columns = columnsOf(patch)
      const extra: Record<string, unknown> = {}
      if (patch.name !== undefined) {
        const nameKey = textKey(patch.name)
        const owner = await accountIdByNameKey(trx, nameKey)
        if (owner && owner !== id) throw duplicateName(patch.name)
        if (nameKey !== current.name_key) extra.name_key = nameKey
      }
      const changed = await updateRow(trx, s, 'accounts', 'account', current, columns, patch, extra)
      return changed ? (await findAccount(trx, id))! : current
    })
    s.onLocalChange?.()
    return toAccount(row)
  },

  async 'accounts.deleteImpact'({ id }, { db }) {
    if (!(await findAccount(db.kysely, id))) throw accountNotFound()
    return accountDeleteImpact(db.kysely, id)
  },

  async 'accounts.delete'({ id }, s) {
    await deleteRecord(s, 'accounts', 'account', id, accountNotFound)
    return { id }
  },
}
