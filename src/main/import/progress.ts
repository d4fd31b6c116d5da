import type { ImportProgress } from '../../shared/domain/import'
import { conflict } from '../../shared/ipc/errors'

// How far each import has got, for 'import.progress' to answer while
// 'import.run' is still working. Kept in memory; only the latest few are kept.

const KEEP = 20
const imports = new Map<string, ImportProgress>()

const UNKNOWN: ImportProgress = Object.freeze({ state: 'unknown', rows_done: 0, bytes_done: 0, bytes_total: 0 })

export function progressOf(importId: string): ImportProgress {
  const p = imports.get(importId)
  return p ? { ...p } : { ...UNKNOWN }
}

/** Starts tracking an import; an id whose import is still running cannot be reused. */
export function startProgress(importId: string, bytesTotal: number): ImportProgress {
  const current = imports.get(importId)
  if (current && (current.state === 'reading' || current.state === 'writing')) {
    throw conflict('import_id', 'An import with this id is already running')
  }
  imports.delete(importId)
  const p: ImportProgress = { state: 'reading', rows_done: 0, bytes_done: 0, bytes_total: bytesTotal }
  imports.set(importId, p)
  while (imports.size > KEEP) imports.delete(imports.keys().next().value!)
  return p
}
