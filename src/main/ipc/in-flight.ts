import type { Dispatch } from './dispatch'

/**
 * Counts the calls a dispatch is still answering, so quitting can let them
 * finish (an import or a save half way) before the database closes.
 */
export function trackInFlight(dispatch: Dispatch): { dispatch: Dispatch; drain(timeoutMs: number): Promise<'drained' | 'timed-out'> } {
  const running = new Set<Promise<unknown>>()
  return {
    dispatch(channel, payload) {
      const call = dispatch(channel, payload)
      running.add(call)
      void call.finally(() => running.delete(call))
      return call
    },
    async drain(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined
      const timeout = new Promise<'timed-out'>((resolve) => (timer = setTimeout(() => resolve('timed-out'), timeoutMs)))
      try {
        // Calls that start while draining are waited for too.
        while (running.size) {
          const outcome = await Promise.race([Promise.allSettled([...running]).then(() => 'drained' as const), timeout])
          if (outcome === 'timed-out') return outcome
        }
        return 'drained'
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
