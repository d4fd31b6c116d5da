import type { AttachmentStore } from '../attachments/store'
import type { Clock } from '../db/clock'
import type { CrmClient } from './client'
import type { SyncKysely } from './schema'

export interface SyncTuning {
  /** Requests on the wire at once (changes of one record always go in order). */
  concurrency: number
  /** Tries per request on network errors, 5xx and time-outs before the round gives up. */
  tries: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_TUNING: SyncTuning = Object.freeze({ concurrency: 6, tries: 4, baseDelayMs: 500, maxDelayMs: 30_000 })

/** What one sync round works with. */
export interface SyncContext {
  db: SyncKysely
  client: CrmClient
  files: AttachmentStore
  clock: Clock
  tuning: SyncTuning
  random: () => number
  progress?: (done: number, total: number) => void
}
