import { describe, expect, it } from 'vitest'
import { matchesAccelerator, shortcutLabel } from './accelerator'

// Runs under Node, where there is no navigator: the non-Mac rules (Ctrl) apply.
const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods }) as KeyboardEvent

describe('matchesAccelerator', () => {
  it('matches CmdOrCtrl as Ctrl, any letter case', () => {
    expect(matchesAccelerator(key('k', { ctrlKey: true }), 'CmdOrCtrl+K')).toBe(true)
    expect(matchesAccelerator(key('K', { ctrlKey: true }), 'CmdOrCtrl+K')).toBe(true)
  })

  it('needs exactly the modifiers named', () => {
    expect(matchesAccelerator(key('k'), 'CmdOrCtrl+K')).toBe(false)
    expect(matchesAccelerator(key('k', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+K')).toBe(false)
    expect(matchesAccelerator(key('k', { metaKey: true }), 'CmdOrCtrl+K')).toBe(false)
  })

  it('maps Electron key names to DOM key names', () => {
    expect(matchesAccelerator(key('ArrowLeft', { altKey: true }), 'Alt+Left')).toBe(true)
    expect(matchesAccelerator(key('ArrowRight', { altKey: true }), 'Alt+Left')).toBe(false)
  })

  it('labels shortcuts for display', () => {
    expect(shortcutLabel('CmdOrCtrl+K')).toBe('Ctrl+K')
    expect(shortcutLabel('Alt+Left')).toBe('Alt+←')
  })
})
