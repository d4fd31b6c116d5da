import type { z } from 'zod'
import { contract, isChannel } from '../../shared/ipc/contract'
import { AppError, type Result } from '../../shared/ipc/errors'
import { DISK_FULL_MESSAGE, isDiskFull } from '../records/sqlite-errors'
import type { Services } from '../services'
import type { AllHandlers } from './handler'

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>

export interface Logger {
  error(message: string, error: unknown): void
}

/** Bounds on what one refusal says: a payload with 100,000 unknown keys once gave a 1.5 MB message. */
const MAX_FIELDS = 50
const MAX_MESSAGES_PER_FIELD = 5
const MAX_KEYS_NAMED = 10
const MAX_TEXT = 200

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text)

function unknownKeys(keys: readonly string[]): string {
  const named = keys.slice(0, MAX_KEYS_NAMED).map((k) => clip(k).slice(0, 40)).join(', ')
  return keys.length > MAX_KEYS_NAMED ? `Unknown fields: ${named} and ${keys.length - MAX_KEYS_NAMED} more` : `Unknown field${keys.length > 1 ? 's' : ''}: ${named}`
}

/** Zod issues -> { "field.path": ["message"] }; "_" for the payload as a whole. Kept short whatever the payload. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields = new Map<string, string[]>() // a Map: a key such as "constructor" is just a key
  for (const issue of error.issues) {
    const key = issue.path.length ? clip(issue.path.join('.')) : '_'
    let list = fields.get(key)
    if (!list) {
      if (fields.size >= MAX_FIELDS) continue
      fields.set(key, (list = []))
    }
    if (list.length < MAX_MESSAGES_PER_FIELD) list.push(issue.code === 'unrecognized_keys' ? unknownKeys(issue.keys) : clip(issue.message))
  }
  return Object.fromEntries(fields)
}

/**
 * The IPC boundary: checks the channel and the payload against the contract,
 * runs the handler, and turns every outcome into a Result. Nothing thrown
 * inside a handler reaches the caller as an exception.
 */
export function createDispatch(handlers: AllHandlers, services: Services, log: Logger = console): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'invalid_input', message: `Unknown command: ${String(channel).slice(0, 80)}` } }
    }
    const gone = services.databaseFile?.problem()
    if (gone) return { ok: false, error: { code: 'unavailable', message: gone } }
    try {
      // Inside the try: a schema refinement that throws must still end as a Result.
      const parsed = contract[channel].input.safeParse(payload)
      if (!parsed.success) {
        const fields = fieldErrors(parsed.error)
        const first = Object.entries(fields)[0]
        const message = first ? (first[0] === '_' ? first[1][0]! : `${first[0]}: ${first[1][0]}`) : 'Invalid input'
        return { ok: false, error: { code: 'invalid_input', message, fields } }
      }
      const handler = handlers[channel] as (input: unknown, services: Services) => Promise<unknown>
      const value = await handler(parsed.data, services)
      return { ok: true, value }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toShape() }
      // Not a bug: the user can fix it, and must know the change was not kept.
      if (isDiskFull(error)) return { ok: false, error: { code: 'io', message: DISK_FULL_MESSAGE } }
      log.error(`Handler ${channel} failed`, error)
      return { ok: false, error: { code: 'internal', message: 'Something went wrong; the details are in the log' } }
    }
  }
}
