import type { CaseStatus } from '../../../shared/domain/choices'
import type { CaseUpdate } from '../../../shared/domain/cases'
import { dataChanged } from '../app/data-version'
import { notify, notifyError } from '../app/toasts'

/** Today on this computer's calendar, as the server's date (YYYY-MM-DD). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/**
 * The edit a quick status change sends: closing dates the case today unless it
 * already has a closing date; reopening leaves the date to the main process,
 * which drops it (src/main/cases/reopen.ts).
 */
export function statusPatch(to: CaseStatus, closedOn: string | null, today = localToday()): CaseUpdate['patch'] {
  return to === 'Closed' ? { status: to, closed_on: closedOn ?? today } : { status: to }
}

/** Moves a case to `to` (the quick status control and the "Close case" command); says what happened. */
export async function changeCaseStatus(id: string, to: CaseStatus): Promise<boolean> {
  const got = await window.crm.cases.get({ id })
  if (!got.ok) {
    notifyError(got.error.message)
    return false
  }
  const current = got.value.case
  if (current.status === to) return true
  const r = await window.crm.cases.update({ id, patch: statusPatch(to, current.closed_on) })
  if (!r.ok) {
    notifyError(`Could not change the status: ${r.error.fields?.['closed_on']?.[0] ?? r.error.message}`)
    dataChanged()
    return false
  }
  notify(`Status changed: ${current.status} → ${to}`)
  dataChanged()
  return true
}
