import type { Result } from '../../../shared/ipc/errors'

// A save must never leave its form waiting forever: a call that rejects (the
// bridge to the main process broke) or never answers becomes an error the form
// shows, with what was typed still there.

export const SAVE_TIMEOUT_MS = 15_000

export const NO_ANSWER =
  'The app did not answer within 15 seconds. What you typed is kept. The save may still finish: check before saving again.'

/**
 * The call's result, or an error Result when it rejects or takes longer than
 * `ms`. A late success still runs `onLate`, so the screens can catch up.
 */
export function answerInTime<T>(call: () => Promise<Result<T>>, options: { ms?: number; onLate?: (value: T) => void } = {}): Promise<Result<T>> {
  const { ms = SAVE_TIMEOUT_MS, onLate } = options
  return new Promise((resolve) => {
    let settled = false
    const timer = setTimeout(() => {
      settled = true
      resolve({ ok: false, error: { code: 'unavailable', message: NO_ANSWER } })
    }, ms)
    const finish = (r: Result<T>) => {
      if (settled) {
        if (r.ok) onLate?.(r.value)
        return
      }
      settled = true
      clearTimeout(timer)
      resolve(r)
    }
    let pending: Promise<Result<T>>
    try {
      pending = call()
    } catch (e) {
      pending = Promise.reject(e)
    }
    pending.then(finish, (e: unknown) =>
      finish({ ok: false, error: { code: 'internal', message: `The save failed (${e instanceof Error ? e.message : String(e)}). What you typed is kept; try again.` } }),
    )
  })
}
