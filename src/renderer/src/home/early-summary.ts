import type { HomeSummary } from '../../../shared/domain/home'
import type { Result } from '../../../shared/ipc/errors'

// Home is the first screen of every window. Its data is asked for when the
// page's script starts (main.tsx imports this module first, so the call goes
// out before React and the screens are even evaluated): the main process
// answers while the page sets itself up, instead of after its first render.

let early: Promise<Result<HomeSummary>> | null = askEarly()

/** Null where the page has no API (Home's own call then shows the error, instead of a blank page). */
function askEarly(): Promise<Result<HomeSummary>> | null {
  try {
    return window.crm.home.summary()
  } catch {
    return null
  }
}

/** Home's cards: the answer asked for at start the first time, a new one after. */
export function homeSummary(): Promise<Result<HomeSummary>> {
  const answer = early ?? window.crm.home.summary()
  early = null
  return answer
}
