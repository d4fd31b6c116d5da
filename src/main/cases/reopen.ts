import { OPEN_CASE_STATUSES, type CaseStatus } from '../../shared/domain/choices'
import type { CaseUpdate } from '../../shared/domain/cases'

type Patch = CaseUpdate['patch']

const isOpen = (status: string) => OPEN_CASE_STATUSES.includes(status as CaseStatus)

/**
 * A case moved back to an open status (New, Assigned, Pending) from Closed,
 * Rejected or Duplicate loses its closing date, whatever the edit sent for it:
 * the server clears closed_on on reopen, and "Closed on …" under an open
 * status would be false.
 */
export function withReopenRule(currentStatus: string, patch: Patch): Patch {
  if (patch.status === undefined || !isOpen(patch.status) || isOpen(currentStatus)) return patch
  return { ...patch, closed_on: null }
}
