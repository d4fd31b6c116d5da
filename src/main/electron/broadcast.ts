import { BrowserWindow } from 'electron'
import { EVENT_PREFIX, type PushEventName, type PushEvents } from '../../shared/ipc/events'

/** Sends a push event to every open window. */
export function broadcast<E extends PushEventName>(name: E, payload: PushEvents[E]): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(EVENT_PREFIX + name, payload)
  }
}
