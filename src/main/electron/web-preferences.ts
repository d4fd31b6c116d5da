import type { WebPreferences } from 'electron'

/** The window's settings; a test asserts each one, so weakening one fails CI. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return Object.freeze({
    preload: preloadPath,
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
