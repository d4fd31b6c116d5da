import { describe, expect, it } from 'vitest'
import { secureWebPreferences } from './web-preferences'

describe('window web preferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs', { packaged: true })

  it('isolates and sandboxes the page with no Node', () => {
    expect(prefs).toMatchObject({
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
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.cjs',
    })
  })

  it('sets nothing that weakens the window and cannot be changed afterwards', () => {
    const allowed = new Set([
      'preload', 'contextIsolation', 'sandbox', 'nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webSecurity',
      'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'navigateOnDragDrop', 'safeDialogs', 'spellcheck', 'disableBlinkFeatures',
      'devTools',
    ])
    for (const key of Object.keys(prefs)) expect(allowed.has(key), `unexpected preference ${key}`).toBe(true)
    for (const key of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session', 'plugins', 'enableWebSQL']) expect(prefs).not.toHaveProperty(key)
    expect(Object.isFrozen(prefs)).toBe(true)
  })

  it('has no DevTools in a packaged app, and DevTools while developing', () => {
    expect(prefs.devTools).toBe(false)
    const dev = secureWebPreferences('/app/out/preload/index.cjs', { packaged: false })
    expect(dev.devTools).toBe(true)
    // Otherwise the same window.
    expect({ ...dev, devTools: false }).toEqual({ ...prefs })
  })
})
