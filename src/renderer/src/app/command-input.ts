import { useEffect } from 'react'
import { matchesAccelerator } from './accelerator'
import { COMMANDS, runCommand } from './commands'

// Keys and the app menu both end in runCommand. While a dialog is open only
// Save works, so a shortcut can never replace a half-filled form.

function dialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null
}

function allowed(id: string): boolean {
  return !dialogOpen() || id === 'record.save'
}

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

export function useKeyboardCommands(): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      for (const command of COMMANDS) {
        if (!command.shortcut || !matchesAccelerator(e, command.shortcut)) continue
        // Alt+Left moves by word in a text field; leave it to the field.
        if (command.id === 'go.back' && isEditable(e.target)) return
        e.preventDefault()
        if (allowed(command.id)) runCommand(command.id)
        return
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}

export function useMenuCommands(): void {
  useEffect(
    () =>
      window.crmEvents.on('menu.command', ({ id }) => {
        if (allowed(id)) runCommand(id)
      }),
    [],
  )
}
