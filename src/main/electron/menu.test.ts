import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { appMenuTemplate } from './menu'

// The Electron binary cannot load here; the template itself needs nothing of it.
vi.mock('electron', () => ({ Menu: {}, BrowserWindow: {} }))

/** Every role in a menu template, submenus included. */
function rolesOf(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? rolesOf(item.submenu) : []),
  ])
}

// Roles a packaged app's menu may hold. Not in it: toggleDevTools (and the
// viewMenu/… roles whose default submenus contain it), reload, forceReload.
const PACKAGED_ROLES = new Set(['appMenu', 'quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])

describe('app menu', () => {
  it('holds no DevTools or reload in a packaged app: only the roles listed here', () => {
    const roles = rolesOf(appMenuTemplate({ packaged: true, send: () => {} }))
    expect(roles.length).toBeGreaterThan(0)
    for (const role of roles) expect(PACKAGED_ROLES.has(role), `role ${role} in the packaged menu`).toBe(true)
    expect(roles).not.toContain('toggleDevTools')
  })

  it('offers reload and DevTools while developing', () => {
    const roles = rolesOf(appMenuTemplate({ packaged: false, send: () => {} }))
    expect(roles).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']))
  })

  it('sends the command id when a command item is clicked', () => {
    const sent: string[] = []
    const view = appMenuTemplate({ packaged: true, send: (id) => sent.push(id) }).find((m) => m.label === 'View')!
    const item = (view.submenu as MenuItemConstructorOptions[]).find((i) => i.id === 'sync.run')!
    item.click?.(undefined as never, undefined, undefined as never)
    expect(sent).toEqual(['sync.run'])
  })
})
