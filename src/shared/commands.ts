// The app's commands, described once. The renderer gives each one its
// `perform`; the app menu (src/main/electron/menu.ts) lists them and, when
// clicked, sends 'menu.command' with the id so the renderer performs it.
// Accelerators use Electron's syntax; the renderer matches key presses with
// the same strings (src/renderer/src/app/accelerator.ts).

export type MenuPlacement = 'file' | 'edit' | 'view' | 'go'

export interface CommandSpec {
  readonly id: string
  readonly label: string
  readonly accelerator?: string
  /** Where it appears in the app menu; absent for palette-only commands. */
  readonly menu?: MenuPlacement
}

function spec<I extends string>(id: I, label: string, accelerator?: string, menu?: MenuPlacement): CommandSpec & { readonly id: I } {
  const s: { -readonly [K in keyof CommandSpec]: CommandSpec[K] } & { id: I } = { id, label }
  if (accelerator) s.accelerator = accelerator
  if (menu) s.menu = menu
  return Object.freeze(s)
}

export const COMMAND_SPECS = Object.freeze([
  spec('record.new', 'New record', 'CmdOrCtrl+N', 'file'),
  spec('account.new', 'New account', undefined, 'file'),
  spec('contact.new', 'New contact', undefined, 'file'),
  spec('case.new', 'New case', undefined, 'file'),
  spec('record.save', 'Save', 'CmdOrCtrl+S', 'file'),
  spec('record.edit', 'Edit record', 'CmdOrCtrl+E', 'edit'),
  spec('record.delete', 'Delete record', undefined, 'edit'),
  spec('case.changeStatus', 'Change case status…', undefined, 'edit'),
  spec('case.close', 'Close case', undefined, 'edit'),
  spec('email.compose', 'Write email…', undefined, 'edit'),
  spec('palette.open', 'Command palette…', 'CmdOrCtrl+K', 'edit'),
  spec('list.search', 'Search this list', 'CmdOrCtrl+F', 'edit'),
  spec('go.home', 'Go to Home', 'CmdOrCtrl+1', 'go'),
  spec('go.accounts', 'Go to Accounts', 'CmdOrCtrl+2', 'go'),
  spec('go.contacts', 'Go to Contacts', 'CmdOrCtrl+3', 'go'),
  spec('go.cases', 'Go to Cases', 'CmdOrCtrl+4', 'go'),
  spec('go.back', 'Back', 'Alt+Left', 'go'),
  spec('sync.panel', 'Sync status…', undefined, 'view'),
  spec('sync.run', 'Sync now', undefined, 'view'),
  spec('import.csv', 'Import or export CSV…', undefined, 'file'),
  spec('data.backup', 'Back up data…', undefined, 'file'),
  spec('data.restore', 'Restore from a backup…', undefined, 'file'),
  spec('data.exportJson', 'Export all data as JSON…', undefined, 'file'),
  spec('data.exportCsv', 'Export all data as CSV for spreadsheets…', undefined, 'file'),
  spec('data.exportCsvPlain', 'Export all data as plain CSV (exact values)…', undefined, 'file'),
])

export type CommandId = (typeof COMMAND_SPECS)[number]['id']

export function commandSpec(id: CommandId): CommandSpec {
  return COMMAND_SPECS.find((c) => c.id === id)!
}
