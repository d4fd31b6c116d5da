import { sameValue, type Values } from './fields'

export interface FieldConflict {
  field: string
  base: unknown
  local: unknown
  server: unknown
}

export interface MergeResult {
  /** Server values to write into the local record (fields only the server changed). */
  apply: Values
  /** Fields both sides changed to different values: the user decides. */
  conflicts: FieldConflict[]
}

/**
 * The per-field three-way merge against the last-synced snapshot. For each field:
 * - the server did not change it (server = base): the local value stays, and a local edit is pushed;
 * - only the server changed it (local = base): the server value is applied locally;
 * - both changed it to the same value: nothing to do;
 * - both changed it differently: a conflict. The local value stays and is not
 *   pushed until the user picks a side, so neither edit is lost silently.
 * With no snapshot (first sync of a record) every difference counts as "both changed".
 */
export function mergeFields(fields: readonly string[], base: Values | null, local: Values, server: Values): MergeResult {
  const apply: Values = {}
  const conflicts: FieldConflict[] = []
  for (const field of fields) {
    if (!(field in server)) continue
    const s = server[field]
    const l = local[field]
    if (sameValue(field, l, s)) continue
    const b = base && field in base ? base[field] : undefined
    const hasBase = base !== null && field in base
    if (hasBase && sameValue(field, s, b)) continue
    if (hasBase && sameValue(field, l, b)) {
      apply[field] = s
      continue
    }
    conflicts.push({ field, base: hasBase ? b : null, local: l, server: s })
  }
  return { apply, conflicts }
}
