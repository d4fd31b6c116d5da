import { Menu, type MenuItemConstructorOptions } from 'electron'
import { COMMAND_SPECS, type MenuPlacement } from '../../shared/commands'
import { broadcast } from './broadcast'

// The app menu, built from the shared command specs. Clicking an item sends
// 'menu.command' to the window, which performs the command. Accelerators are
// shown but not registered with the system: the page handles the keys itself
// (so a key press never runs a command twice).

const SUBMENUS: readonly { placement: MenuPlacement; label: string; roles: MenuItemConstructorOptions[] }[] = [
  { placement: 'file', label: 'File', roles: [{ type: 'separator' }, { role: 'quit' }] },
  {
    placement: 'edit',
    label: 'Edit',
    roles: [{ type: 'separator' }, { role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  },
  { placement: 'view', label: 'View', roles: [{ type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' }] },
  { placement: 'go', label: 'Go', roles: [] },
]

/**
 * Only while developing: reload and DevTools. A packaged app has neither (its
 * window has no DevTools at all, see web-preferences.ts), and its menu only
 * the roles above: a test lists every role the packaged menu may hold.
 */
const DEVELOPMENT_ROLES: MenuItemConstructorOptions[] = [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }]

export interface AppMenuOptions {
  /** app.isPackaged */
  packaged: boolean
  /** What a command item does (default: send 'menu.command' to the windows). */
  send?: (id: string) => void
}

export function appMenuTemplate({ packaged, send = (id) => broadcast('menu.command', { id }) }: AppMenuOptions): MenuItemConstructorOptions[] {
  const submenus = SUBMENUS.map((s) => (s.placement === 'view' && !packaged ? { ...s, roles: [...s.roles, ...DEVELOPMENT_ROLES] } : s))
  const template: MenuItemConstructorOptions[] = submenus.map(({ placement, label, roles }) => ({
    label,
    submenu: [
      ...COMMAND_SPECS.filter((c) => c.menu === placement).map(
        (c): MenuItemConstructorOptions => ({
          id: c.id,
          label: c.label,
          ...(c.accelerator ? { accelerator: c.accelerator, registerAccelerator: false } : {}),
          click: () => send(c.id),
        }),
      ),
      ...roles,
    ],
  }))
  if (process.platform === 'darwin') template.unshift({ role: 'appMenu' })
  return template
}

export function installAppMenu(options: { packaged: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)))
}
