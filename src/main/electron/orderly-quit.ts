import { app, type BrowserWindow } from 'electron'
import { EVENT_PREFIX } from '../../shared/ipc/events'
import type { Services } from '../services'
import { closeHandshakeOf } from '../window/close-handshake'

/**
 * Quitting in order (Electron's docs/api/app.md quit sequence): each window
 * first lets its page send the deletes its Undo toasts hold back
 * (window/close-handshake.ts); once every window has closed, `closeData`
 * finishes the running calls, stops the sync engine and closes the database,
 * and only then does the process end.
 */
export function orderlyQuit(services: () => Services | null, closeData: () => Promise<void>): { guard(win: BrowserWindow): void } {
  const flushed = new WeakSet<BrowserWindow>()
  let quitRequested = false
  let dataClosed = false

  app.on('before-quit', () => {
    quitRequested = true
  })
  app.on('will-quit', (event) => {
    if (dataClosed) return
    event.preventDefault()
    void closeData()
      .catch((error: unknown) => console.error('Field CRM: closing the data failed', error))
      .finally(() => {
        dataClosed = true
        app.exit(0)
      })
  })

  return {
    guard(win) {
      win.on('close', (event) => {
        const open = services()
        if (flushed.has(win) || !open) return
        event.preventDefault()
        void closeHandshakeOf(open)
          .flush(() => win.webContents.send(EVENT_PREFIX + 'window.closing', {}))
          .then(() => {
            flushed.add(win)
            // A prevented close cancels a quit in progress (Electron's rule): ask again.
            if (quitRequested) app.quit()
            else win.close()
          })
      })
    },
  }
}
