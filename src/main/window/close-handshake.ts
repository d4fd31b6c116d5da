import type { Services } from '../services'

// Before the window closes, its page sends what it still holds back (deletes
// waiting for their Undo toast to expire) and then says it is done
// ('window.readyToClose'). Only then does the window close and the database
// shut: a delete sent while the page unloads could arrive after the database
// closed, or never.

export interface CloseHandshake {
  /** Asks the page to send its pending work (`ask`), and resolves when it is done or after `timeoutMs`. */
  flush(ask: () => void, timeoutMs?: number): Promise<'ready' | 'timed-out'>
  /** The page is done. */
  ready(): void
}

const FLUSH_TIMEOUT_MS = 5_000

function createCloseHandshake(): CloseHandshake {
  const waiting = new Set<() => void>()
  return {
    flush(ask, timeoutMs = FLUSH_TIMEOUT_MS) {
      return new Promise((resolve) => {
        const done = (outcome: 'ready' | 'timed-out') => {
          clearTimeout(timer)
          waiting.delete(onReady)
          resolve(outcome)
        }
        const onReady = () => done('ready')
        // A page that hangs or crashed must not keep the app from closing.
        const timer = setTimeout(() => done('timed-out'), timeoutMs)
        waiting.add(onReady)
        ask()
      })
    },
    ready() {
      for (const resolve of [...waiting]) resolve()
    },
  }
}

const handshakes = new WeakMap<Services, CloseHandshake>()

/** The handshake of one app data folder's window. */
export function closeHandshakeOf(services: Services): CloseHandshake {
  let handshake = handshakes.get(services)
  if (!handshake) {
    handshake = createCloseHandshake()
    handshakes.set(services, handshake)
  }
  return handshake
}
