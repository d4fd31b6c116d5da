// The 'electron' module as the app's main process sees it under the stand-in:
// only what the app uses, each part following the Electron document named in
// its file. A test tool, never part of the app (see docs/electron-standin.md).
export { app } from './app'
export { BrowserWindow } from './browser-window'
export { dialog } from './dialog'
export { ipcMain } from './ipc-main'
export { Menu, MenuItem } from './menu'
export { nativeTheme } from './native-theme'
export { protocol } from './protocol'
export { safeStorage } from './safe-storage'
export { screen } from './screen'
export { session } from './session'
export { shell } from './shell'
export { utilityProcess } from './utility-process'

import { app } from './app'
import { onCommand } from './control'

onCommand('app.quit', () => app.quit())
onCommand('app.exit', ({ code }) => app.exit(Number(code ?? 0)))
