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

/** Zod issues -> { "field.path": ["message"] }; "_" for the payload as a whole. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_'
    const message = issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}` : issue.message
    ;(fields[key] ??= []).push(message)
  }
  return fields
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
