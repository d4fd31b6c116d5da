import { useState } from 'react'

import { FIRST_SHOWN } from '../../../shared/domain/first-shown'

export { FIRST_SHOWN }

/**
 * The first FIRST_SHOWN items until the user asks for all of them. `unsent`
 * items are not loaded yet (counted in `more`); `loadAll` asks for them.
 */
export function useFirstShown<T>(items: T[], unsent = 0, loadAll?: () => void): { shown: T[]; more: number; showAll(): void } {
  const [all, setAll] = useState(false)
  const shown = all ? items : items.slice(0, FIRST_SHOWN)
  return {
    shown,
    more: items.length - shown.length + unsent,
    showAll: () => {
      setAll(true)
      if (unsent > 0) loadAll?.()
    },
  }
}
