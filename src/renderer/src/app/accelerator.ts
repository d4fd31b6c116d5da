// Matches key presses against Electron accelerator strings ("CmdOrCtrl+K",
// "Alt+Left"), so the menu and the page share one description of each shortcut.

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

interface Parsed { key: string; mod: boolean; alt: boolean; shift: boolean }

function parse(accelerator: string): Parsed {
  const parts = accelerator.split('+')
  const key = parts.pop()!.toLowerCase()
  const mods = new Set(parts.map((p) => p.toLowerCase()))
  return { key, mod: mods.has('cmdorctrl') || mods.has('commandorcontrol'), alt: mods.has('alt'), shift: mods.has('shift') }
}

const KEY_NAMES: Record<string, string> = { left: 'arrowleft', right: 'arrowright', up: 'arrowup', down: 'arrowdown', esc: 'escape' }

export function matchesAccelerator(event: KeyboardEvent, accelerator: string): boolean {
  const p = parse(accelerator)
  const mod = isMac ? event.metaKey : event.ctrlKey
  if (mod !== p.mod || event.altKey !== p.alt || event.shiftKey !== p.shift) return false
  const key = event.key.toLowerCase()
  return key === (KEY_NAMES[p.key] ?? p.key)
}

/** "CmdOrCtrl+K" -> "Ctrl+K" (or "⌘K" on a Mac), for display. */
export function shortcutLabel(accelerator: string): string {
  const p = parse(accelerator)
  const key = p.key.length === 1 ? p.key.toUpperCase() : p.key === 'left' ? '←' : p.key[0]!.toUpperCase() + p.key.slice(1)
  if (isMac) return `${p.mod ? '⌘' : ''}${p.alt ? '⌥' : ''}${p.shift ? '⇧' : ''}${key}`
  return [p.mod && 'Ctrl', p.alt && 'Alt', p.shift && 'Shift', key].filter(Boolean).join('+')
}
