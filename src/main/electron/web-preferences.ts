import type { WebPreferences } from 'electron'

/**
 * The window's settings; a test asserts each one, so weakening one fails CI.
 * `packaged` is app.isPackaged: an installed app has no DevTools (no console
 * to run code in the page, which holds the CRM's data and its IPC API).
 */
export function secureWebPreferences(preloadPath: string, { packaged }: { packaged: boolean }): WebPreferences {
  return Object.freeze({
    preload: preloadPath,
    devTools: !packaged,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Middle-click would otherwise try to open a link in a new window.
    disableBlinkFeatures: 'Auxclick',
    safeDialogs: true,
    spellcheck: true,
  })
}
