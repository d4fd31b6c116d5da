// Test-only entry, bundled once per run and injected before the page loads:
// it builds window.crm with the REAL factory the preload uses, over a bridge
// (window.__crmInvoke, exposed by Playwright) to the real handlers running on
// a real temporary database in the test process.
import type { Channel } from '../../src/shared/ipc/contract'
import { createCrmApi } from '../../src/shared/ipc/create-api'
import { createCrmEvents } from '../../src/shared/ipc/create-events'
import type { Result } from '../../src/shared/ipc/errors'

interface BridgeWindow {
  /** The handler's Result as JSON text (see bridge.ts). */
  __crmInvoke(channel: Channel, input: unknown): Promise<string>
  __crmPush(name: string, payload: unknown): void
  /** Stands in for the preload's report of a dropped file to the main process. */
  __crmDropped(path: string): Promise<boolean>
  /** File name -> path on disk, standing in for Electron's webUtils.getPathForFile. */
  __dropPaths: Record<string, string>
  crm: unknown
  crmEvents: unknown
  crmFiles: unknown
}

const w = window as unknown as BridgeWindow
const listeners = new Map<string, Set<(payload: unknown) => void>>()

w.crm = createCrmApi(async (channel, input) => JSON.parse(await w.__crmInvoke(channel, input)) as Result<unknown>)
w.crmEvents = createCrmEvents((name, listener) => {
  const set = listeners.get(name) ?? new Set()
  listeners.set(name, set)
  set.add(listener)
  return () => set.delete(listener)
})
w.__crmPush = (name, payload) => listeners.get(name)?.forEach((l) => l(payload))
w.__dropPaths = {}
// Like Electron's: '' for a file that did not come from the disk.
w.crmFiles = Object.freeze({
  pathOf: async (file: File) => {
    const path = w.__dropPaths[file.name] ?? ''
    if (path) await w.__crmDropped(path)
    return path
  },
})
