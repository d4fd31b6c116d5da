import { randomUUID } from 'node:crypto'

/** Time and ids come from here so tests can pin them. */
export interface Clock {
  now(): string
  newId(): string
}

export const systemClock: Clock = Object.freeze({
  now: () => new Date().toISOString(),
  newId: () => randomUUID(),
})
