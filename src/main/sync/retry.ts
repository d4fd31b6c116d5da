import { backoffDelay, sleep } from './backoff'
import type { SyncContext } from './context'
import { isTransient } from './http-errors'

/** Runs a request again after network errors, 5xx and time-outs, waiting with backoff and jitter between tries. */
export async function withRetries<T>(ctx: SyncContext, attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt()
    } catch (error) {
      if (!isTransient(error) || i + 1 >= ctx.tuning.tries) throw error
      await sleep(backoffDelay(i, ctx.tuning.baseDelayMs, ctx.tuning.maxDelayMs, ctx.random))
    }
  }
}
