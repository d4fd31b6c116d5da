import { PUSH_EVENTS, type CrmEvents, type PushEventName } from './events'

type Subscribe = (name: PushEventName, listener: (payload: unknown) => void) => () => void

/** The renderer's event API; only the contract's event names can be subscribed to. */
export function createCrmEvents(subscribe: Subscribe): CrmEvents {
  return Object.freeze({
    on(name, listener) {
      if (!(PUSH_EVENTS as readonly string[]).includes(name)) throw new Error(`Unknown event: ${String(name)}`)
      return subscribe(name, listener as (payload: unknown) => void)
    },
  } satisfies CrmEvents)
}
