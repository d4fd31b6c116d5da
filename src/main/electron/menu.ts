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

export function appMenuTemplate(send: (id: string) => void = (id) => broadcast('menu.command', { id })): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = SUBMENUS.map(({ placement, label, roles }) => ({
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

export function installAppMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate()))
}
