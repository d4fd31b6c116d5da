import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'
import { openAppData, type AppData } from './app-data'
import { electronDesktop } from './electron/desktop'
import { registerIpc } from './electron/ipc'
import { secureWebPreferences } from './electron/web-preferences'
import { handlers } from './handlers'
import { createDispatch } from './ipc/dispatch'

// Electron glue only: app lifecycle, the window, IPC registration. Everything
// it calls is a plain module tested under Node.

const devServerUrl = process.env['ELECTRON_RENDERER_URL']
let mainWindow: BrowserWindow | null = null
let appData: AppData | null = null

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Field CRM',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  })
  win.once('ready-to-show', () => win.show())
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(join(__dirname, '../renderer/index.html'))
  return win
}

async function start(): Promise<void> {
  await app.whenReady()
  const dataDir = process.env['FIELDCRM_DATA_DIR'] ?? app.getPath('userData')
  appData = await openAppData({ dataDir, desktop: electronDesktop(() => mainWindow) })
  registerIpc(createDispatch(handlers, appData.services), devServerUrl)
  mainWindow = createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('will-quit', () => {
  void appData?.close()
})

start().catch((error: unknown) => {
  console.error('Field CRM could not start', error)
  app.exit(1)
})
