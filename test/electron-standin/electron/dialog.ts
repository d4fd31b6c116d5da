import { onCommand, report } from './control'

// Follows docs/api/dialog.md: showMessageBox resolves to { response,
// checkboxChecked }, showOpenDialog to { canceled, filePaths }, showSaveDialog
// to { canceled, filePath }, each once the user has answered (an optional
// parent window comes first). The stand-in reports each dialog to the test and
// waits for its answer ('dialog.answer'), or takes the next answer the test
// queued beforehand ('dialog.queue', or STANDIN_DIALOG_ANSWERS for dialogs
// shown before a test can speak, e.g. at start-up).

type Kind = 'messageBox' | 'openDialog' | 'saveDialog' | 'errorBox'

let nextId = 1
const waiting = new Map<number, (answer: unknown) => void>()
const queued: unknown[] = JSON.parse(process.env['STANDIN_DIALOG_ANSWERS'] ?? '[]') as unknown[]

function show<T>(kind: Kind, args: unknown[]): Promise<T> {
  // An optional BrowserWindow comes first.
  const options = args.length > 1 ? args[1] : args[0]
  const id = nextId++
  report({ type: 'dialog', id, kind, options: JSON.parse(JSON.stringify(options ?? {})) })
  if (queued.length) return Promise.resolve(queued.shift() as T)
  return new Promise<T>((resolve) => waiting.set(id, resolve as (a: unknown) => void))
}

export const dialog = Object.freeze({
  showMessageBox: (...args: unknown[]) => show<{ response: number; checkboxChecked?: boolean }>('messageBox', args).then((a) => ({ ...a, checkboxChecked: a.checkboxChecked ?? false })),
  showOpenDialog: (...args: unknown[]) => show<{ canceled: boolean; filePaths: string[] }>('openDialog', args),
  // filePath is '' when cancelled, as in Electron.
  showSaveDialog: (...args: unknown[]) => show<{ canceled: boolean; filePath?: string }>('saveDialog', args).then((a) => ({ ...a, filePath: a.filePath ?? '' })),
  showErrorBox: (title: string, content: string) => void report({ type: 'dialog', id: nextId++, kind: 'errorBox', options: { title, content } }),
})

onCommand('dialog.answer', ({ id, answer }) => {
  const resolve = waiting.get(Number(id))
  if (!resolve) throw new Error(`stand-in: no dialog ${String(id)} is open`)
  waiting.delete(Number(id))
  resolve(answer)
})
onCommand('dialog.queue', ({ answers }) => void queued.push(...(answers as unknown[])))
