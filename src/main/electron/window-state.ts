import { screen, type BrowserWindow } from 'electron'
import type { Rectangle } from '../window/window-state'
import { saveWindowState } from '../window/window-state'
import { debouncedSave } from '../window/debounced-save'

/** How long the window must be still before its place is saved. */
const SAVE_DELAY_MS = 500

/**
 * The work areas of the displays there are now, the primary one first
 * (https://www.electronjs.org/docs/latest/api/screen: getPrimaryDisplay,
 * getAllDisplays; Display.workArea excludes task bars and docks). Call after the app is ready.
 */
export function currentWorkAreas(): Rectangle[] {
  return [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea)
}

/**
 * Saves the window's place in `dataDir` when it moves or is resized (once it
 * is still) and when it closes (https://www.electronjs.org/docs/latest/api/browser-window:
 * events 'resize', 'move', 'close'; getNormalBounds gives the bounds it returns
 * to from maximized or full-screen; isMaximized, isFullScreen).
 */
export function rememberWindowState(win: BrowserWindow, dataDir: string): void {
  const saver = debouncedSave(() => {
    if (win.isDestroyed()) return
    const saved = saveWindowState(dataDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized(), fullScreen: win.isFullScreen() })
    if (!saved) console.warn('Field CRM: the window size and position could not be saved in', dataDir)
  }, SAVE_DELAY_MS)
  win.on('resize', () => saver.changed())
  win.on('move', () => saver.changed())
  win.on('close', () => saver.flush())
}
