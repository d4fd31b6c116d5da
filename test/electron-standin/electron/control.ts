// The stand-in's line to the test that started this process (Node's IPC
// channel of child_process.fork): what the app did that a person would see
// outside the page (dialogs, opened links, the menu), and the test's hand on
// things outside the page (clicking a menu item, answering a dialog, closing
// the window). Not part of Electron: the app never sees it.

export type Report =
  | { type: 'browser'; endpoint: string }
  | { type: 'window'; id: number; url: string }
  | { type: 'dialog'; id: number; kind: string; options: unknown }
  | { type: 'shell'; call: 'openExternal' | 'openPath' | 'showItemInFolder'; target: string }
  | { type: 'second-instance-refused' }
  | { type: 'log'; text: string }

export function report(message: Report): void {
  process.send?.(message)
}

export type CommandHandler = (args: Record<string, unknown>) => unknown

const commands = new Map<string, CommandHandler>()

/** A command the test may send: { command, id, args } answered with { reply: id, value | error }. */
export function onCommand(name: string, handler: CommandHandler): void {
  commands.set(name, handler)
}

process.on('message', (raw) => {
  const message = raw as { command?: string; id?: number; args?: Record<string, unknown> }
  if (typeof message?.command !== 'string') return
  const handler = commands.get(message.command)
  void (async () => {
    try {
      if (!handler) throw new Error(`stand-in: no command ${message.command}`)
      const value = await handler(message.args ?? {})
      process.send?.({ reply: message.id, value: value ?? null })
    } catch (error) {
      process.send?.({ reply: message.id, error: (error as Error).message })
    }
  })()
})
