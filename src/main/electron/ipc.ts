import { ipcMain } from 'electron'
import { CHANNELS, IPC_PREFIX } from '../../shared/ipc/contract'
import type { Dispatch } from '../ipc/dispatch'
import { trackInFlight } from '../ipc/in-flight'
import { isTrustedSenderUrl } from './senders'

/**
 * Registers one ipcMain handler per contract channel; each checks its sender first.
 * Returns `drain`, which waits for the calls still being answered (used when quitting).
 */
export function registerIpc(untracked: Dispatch, devServerUrl?: string): { drain(timeoutMs: number): Promise<unknown> } {
  const { dispatch, drain } = trackInFlight(untracked)
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event, payload: unknown) => {
      if (!isTrustedSenderUrl(event.senderFrame?.url, devServerUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'This window may not use the CRM' } }
      }
      return dispatch(channel, payload)
    })
  }
  return { drain }
}
