import type { AppErrorShape, Result } from '../../../shared/ipc/errors'

/** Field errors keyed by form field: "patch.name" (an update's payload) becomes "name". */
export function formErrors(error: AppErrorShape): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, messages] of Object.entries(error.fields ?? {})) {
    const field = key.replace(/^patch\./, '')
    if (messages[0] && !out[field]) out[field] = messages[0]
  }
  return out
}

/** The value of a Result, or throws its error as an Error (for loaders that show it). */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}
