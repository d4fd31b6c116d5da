import { describe, expect, it } from 'vitest'
import { COMMAND_SPECS } from './commands'

// The specs drive the palette, the shortcuts and the app menu at once, so a
// clash here would make one key or one menu item do two things.
describe('command specs', () => {
  it('have unique ids and unique shortcuts', () => {
    const ids = COMMAND_SPECS.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    const keys = COMMAND_SPECS.flatMap((c) => (c.accelerator ? [c.accelerator.toLowerCase()] : []))
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('write accelerators in the syntax Electron accepts', () => {
    const modifier = /^(CmdOrCtrl|Alt|Shift)$/
    for (const { accelerator } of COMMAND_SPECS) {
      if (!accelerator) continue
      const parts = accelerator.split('+')
      const key = parts.pop()!
      expect(parts.every((p) => modifier.test(p)), accelerator).toBe(true)
      expect(/^([A-Z0-9]|Left|Right|Up|Down)$/.test(key), accelerator).toBe(true)
    }
  })
})
