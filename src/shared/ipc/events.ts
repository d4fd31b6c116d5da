import type { SyncStatus } from '../domain/sync'

// Messages the main process pushes to the window (the other direction of the
// contract). The preload exposes `crmEvents.on(name, listener)`.

export interface PushEvents {
  /** Sync state changed (progress, errors, counts). */
  'sync.status': SyncStatus
  /** The app menu ran a command; the renderer performs it (commands live there). */
  'menu.command': { id: string }
  /** Records changed outside the window's own calls (a sync pull, an import): lists should reload. */
  'data.changed': { entities: string[] }
  /** The window is about to close: send pending work, then call window.readyToClose. */
  'window.closing': Record<string, never>
}

export type PushEventName = keyof PushEvents
export const PUSH_EVENTS = Object.freeze(['sync.status', 'menu.command', 'data.changed', 'window.closing'] as const satisfies readonly PushEventName[])
export const EVENT_PREFIX = 'crm-event:'

export interface CrmEvents {
  on<E extends PushEventName>(name: E, listener: (payload: PushEvents[E]) => void): () => void
}
