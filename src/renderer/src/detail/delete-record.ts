import type { ParentType } from '../../../shared/domain/choices'
import type { AccountDeleteImpact } from '../../../shared/domain/delete-impact'
import { deleteWithUndo } from '../app/deferred-delete'
import { forgetRecord } from '../app/navigation'
import { notifyError } from '../app/toasts'
import { useUi, type CurrentRecord } from '../app/ui'
import { deletedMessage, reachesOtherRecords } from './delete-impact'

const NOUN: Record<ParentType, string> = { account: 'Account', contact: 'Contact', case: 'Case' }

/**
 * Deletes a record with an Undo toast. An account's delete cascades to its
 * cases and unlinks its contacts: when it reaches any, the user is asked first.
 */
export async function deleteRecord(record: CurrentRecord): Promise<void> {
  if (record.type !== 'account') return commitDelete(record, null)
  const impact = await window.crm.accounts.deleteImpact({ id: record.id })
  if (!impact.ok) return void notifyError(`Could not delete: ${impact.error.message}`)
  if (reachesOtherRecords(impact.value)) useUi.getState().set({ confirmDelete: { record, impact: impact.value } })
  else commitDelete(record, impact.value)
}

/** Hides the record and leaves its detail view at once; the delete is sent when the Undo toast expires. */
export function commitDelete(record: CurrentRecord, impact: AccountDeleteImpact | null): void {
  const api = window.crm
  const run = record.type === 'account' ? api.accounts.delete : record.type === 'contact' ? api.contacts.delete : api.cases.delete
  const message = record.type === 'account' ? deletedMessage(record.title, impact) : `${NOUN[record.type]} “${record.title}” deleted`
  deleteWithUndo(record.id, message, () => run({ id: record.id }))
  if (useUi.getState().current?.id === record.id) useUi.getState().set({ current: null })
  forgetRecord(record.id)
}
