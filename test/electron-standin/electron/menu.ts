import type * as Electron from 'electron'
import { app } from './app'
import { BrowserWindow } from './browser-window'
import { onCommand } from './control'

// Follows docs/api/menu.md and docs/api/menu-item.md: buildFromTemplate makes
// items (id, label, role, accelerator, submenu, click); clicking one calls
// click(menuItem, focusedWindow, event) or performs its role. The test clicks
// an item by id or by its labels ('menu.click'), as a person would.

type Template = Electron.MenuItemConstructorOptions


export class MenuItem {
  readonly id?: string
  readonly label: string
  readonly role?: string
  readonly type: string
  readonly accelerator: string | null
  readonly submenu: Menu | null
  readonly click?: Template['click']
  enabled: boolean
  visible: boolean

  constructor(t: Template) {
    this.id = t.id
    this.label = t.label ?? (t.role ? roleLabel(t.role) : '')
    this.role = t.role
    this.type = t.type ?? (t.submenu ? 'submenu' : 'normal')
    this.accelerator = (t.accelerator as string | undefined) ?? null
    this.click = t.click
    this.enabled = t.enabled ?? true
    this.visible = t.visible ?? true
    this.submenu = t.submenu ? (t.submenu instanceof Menu ? t.submenu : Menu.buildFromTemplate(t.submenu as Template[])) : null
  }
}

function roleLabel(role: string): string {
  return role.replace(/^./, (c) => c.toUpperCase())
}

let applicationMenu: Menu | null = null

export class Menu {
  readonly items: MenuItem[] = []

  static buildFromTemplate(template: Array<Template | Electron.MenuItem>): Electron.Menu & Menu {
    const menu = new Menu()
    for (const t of template) menu.items.push(t instanceof MenuItem ? t : new MenuItem(t as Template))
    return menu as unknown as Electron.Menu & Menu
  }
  static setApplicationMenu(menu: Electron.Menu | null): void {
    applicationMenu = menu as Menu | null
  }
  static getApplicationMenu(): Electron.Menu | null {
    return applicationMenu as unknown as Electron.Menu | null
  }
  getMenuItemById(id: string): MenuItem | null {
    for (const item of this.items) {
      if (item.id === id) return item
      const inner = item.submenu?.getMenuItemById(id)
      if (inner) return inner
    }
    return null
  }
}

function performRole(role: string, window: BrowserWindow | null): void {
  const r = role.toLowerCase()
  if (r === 'quit') app.quit()
  else if (r === 'close') window?.close()
  else if (r === 'toggledevtools') window?.webContents.toggleDevTools()
  else if (r === 'reload' || r === 'forcereload') window?.webContents.reload()
  // Editing, zoom and window roles act inside Chromium's own UI: nothing to model here.
}

function describe(menu: Menu): unknown[] {
  return menu.items.map((i) => ({ id: i.id ?? null, label: i.label, role: i.role ?? null, type: i.type, accelerator: i.accelerator, submenu: i.submenu ? describe(i.submenu) : null }))
}

onCommand('menu.template', () => (applicationMenu ? describe(applicationMenu) : null))
onCommand('menu.click', ({ id, labels }) => {
  if (!applicationMenu) throw new Error('stand-in: the app set no application menu')
  let item: MenuItem | null = null
  if (typeof id === 'string') item = applicationMenu.getMenuItemById(id)
  else if (Array.isArray(labels)) {
    let menu: Menu | null = applicationMenu
    for (const label of labels as string[]) {
      item = menu?.items.find((i) => i.label === label) ?? null
      menu = item?.submenu ?? null
    }
  }
  if (!item) throw new Error(`stand-in: no menu item ${JSON.stringify(id ?? labels)}`)
  if (!item.enabled) throw new Error(`stand-in: menu item ${item.label} is disabled`)
  const window = BrowserWindow.getFocusedWindow()
  if (item.click) item.click(item as unknown as Electron.MenuItem, (window ?? undefined) as unknown as Electron.BaseWindow | undefined, { triggeredByAccelerator: false } as Electron.KeyboardEvent)
  else if (item.role) performRole(item.role, window)
})
