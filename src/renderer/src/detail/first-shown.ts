import { useState } from 'react'

/**
 * How many related records or timeline entries a detail shows at first. An
 * account with hundreds of cases painted them all before anything showed
 * (1.8 s for 368 cases and 295 timeline entries in the benchmark); the rest
 * are a click away.
 */
export const FIRST_SHOWN = 50

/** The first FIRST_SHOWN items until the user asks for all of them. */
export function useFirstShown<T>(items: T[]): { shown: T[]; more: number; showAll(): void } {
  const [all, setAll] = useState(false)
  const shown = all ? items : items.slice(0, FIRST_SHOWN)
  return { shown, more: items.length - shown.length, showAll: () => setAll(true) }
}
