import type { CrmApi, Invoke } from './api'
import { CHANNEL_NAMES } from './channel-names'

/**
 * Builds the renderer's API from the contract: one function per channel,
 * grouped by domain ("accounts.list" -> api.accounts.list). The preload calls
 * it with ipcRenderer.invoke; the end-to-end tests with a bridge to the real
 * handlers. Frozen, so the page cannot swap a method.
 */
export function createCrmApi(invoke: Invoke): CrmApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {}
  for (const channel of CHANNEL_NAMES) {
    const [domain, method] = channel.split('.') as [string, string]
    const group = (api[domain] ??= {})
    group[method] = (input?: unknown) => invoke(channel, input)
  }
  for (const group of Object.values(api)) Object.freeze(group)
  return Object.freeze(api) as unknown as CrmApi
}
