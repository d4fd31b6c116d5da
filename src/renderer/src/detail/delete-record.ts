import type { ParentType } from '../../../shared/domain/choices'
import { deleteWithUndo } from '../app/deferred-delete'
import { forgetRecord } from '../app/navigation'
import { useUi } from '../app/ui'

const NOUN: Record<ParentType, string> = { account: 'Account', contact: 'Contact', case: 'Case' }

/** Deletes a record with an Undo toast; leaves its detail view at once. */
export function deleteRecord(record: { type: ParentType; id: string; title: string }): void {
  const api = window.crm
  const run = record.type === 'account' ? api.accounts.delete : record.type === 'contact' ? api.contacts.delete : api.cases.delete
  deleteWithUndo(record.id, `${NOUN[record.type]} “${record.title}” deleted`, () => run({ id: record.id }))
  if (useUi.getState().current?.id === record.id) useUi.getState().set({ current: null })
  forgetRecord(record.id)
}
