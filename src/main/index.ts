import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import type { AppData } from './app-data'
import type { BackgroundCheckResult } from './backup/background-check'
import { damagedDatabaseDialog, damagedWhileRunningDialog, recoverDamagedDatabase, recoveryChoiceFor, startAppData } from './backup/recovery'
import type { Desktop } from './desktop'
import { electronDesktop } from './electron/desktop'
import { hardenApp } from './electron/hardening'
import { registerDroppedFiles } from './electron/dropped-files'
import { registerIpc } from './electron/ipc'
import { installAppMenu } from './electron/menu'
import { registerAppScheme, serveAppFiles } from './electron/protocol'
import { broadcast } from './electron/broadcast'
import { electronSecretBox } from './electron/secrets'
import { secureWebPreferences } from './electron/web-preferences'
import { handlers } from './handlers'
import { createDispatch } from './ipc/dispatch'
import { APP_ENTRY_URL } from './security/app-url'
import { devServerUrlFrom } from './security/navigation'
import type { SyncEngine } from './sync/engine'
import { attachSync } from './sync/registry'

// Electron glue only: app lifecycle, the window, IPC registration, the
// damaged-database dialog. Every decision it applies is a plain module
// tested under Node (security/, backup/, electron/senders, web-preferences).

const devServerUrl = devServerUrlFrom(process.env['ELECTRON_RENDERER_URL'], app.isPackaged)
let mainWindow: BrowserWindow | null = null
let appData: AppData | null = null
let sync: SyncEngine | null = null

// app:// must be declared before the app is ready.
registerAppScheme()

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
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL)
  return win
}

/** Opens the data folder; when the database is damaged, asks the user what to do until it opens or they quit. */
async function openDataFolder(dataDir: string, desktop: Desktop): Promise<AppData | null> {
  for (;;) {
    // A local change wakes the sync (debounced), so edits reach the server soon.
    const outcome = await startAppData({ dataDir, desktop, onLocalChange: () => sync?.nudge() })
    if (outcome.kind === 'ready') return outcome.data
    const { response } = await dialog.showMessageBox({ type: 'error', ...damagedDatabaseDialog(outcome) })
    const backupPath = response === 0 ? await desktop.chooseBackupFile() : null
    const choice = recoveryChoiceFor(response, backupPath)
    if (!choice) continue
    if (choice.kind === 'quit') return null
    try {
      await recoverDamagedDatabase(dataDir, choice, new Date().toISOString())
    } catch (error) {
      await dialog.showMessageBox({ type: 'error', title: 'Field CRM', message: 'That backup could not be used', detail: (error as Error).message })
    }
  }
}

/**
 * A large database is checked after the start (see backup/background-check.ts). When that
 * finds damage, the user chooses as at start; a choice is carried out with the database
 * closed, then the app restarts (a bad backup file changes nothing and the check asks again).
 */
async function onBackgroundCheck(result: BackgroundCheckResult, dataDir: string, desktop: Desktop): Promise<void> {
  if (result.status === 'not-checked') console.warn('Field CRM: the data file could not be checked:', result.reason)
  if (result.status !== 'damaged' || !appData) return
  const options = damagedWhileRunningDialog({ dbPath: appData.dbPath, problem: result.problem })
  for (;;) {
    const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, { type: 'error', ...options }) : await dialog.showMessageBox({ type: 'error', ...options })
    if (response === options.cancelId) return
    const choice = recoveryChoiceFor(response, response === 0 ? await desktop.chooseBackupFile() : null)
    if (!choice) continue
    await sync?.stop()
    await appData.close()
    try {
      await recoverDamagedDatabase(dataDir, choice, new Date().toISOString())
    } catch (error) {
      await dialog.showMessageBox({ type: 'error', title: 'Field CRM', message: 'That backup could not be used', detail: (error as Error).message })
    }
    app.relaunch()
    app.exit(0)
    return
  }
}

async function start(): Promise<void> {
  await app.whenReady()
  hardenApp(devServerUrl)
  const dataDir = process.env['FIELDCRM_DATA_DIR'] ?? app.getPath('userData')
  const desktop = electronDesktop(() => mainWindow)
  appData = await openDataFolder(dataDir, desktop)
  if (!appData) {
    app.quit()
    return
  }
  serveAppFiles(join(__dirname, '../renderer'), appData.services)
  // Sync runs in this process on a schedule; its status and pulled changes are pushed to the windows.
  sync = attachSync(appData.services, {
    secretBox: electronSecretBox,
    onStatus: (status) => broadcast('sync.status', status),
    onDataChanged: (entities) => broadcast('data.changed', { entities }),
    log: console,
  })
  registerIpc(createDispatch(handlers, appData.services), devServerUrl)
  registerDroppedFiles(appData.services.grants, devServerUrl)
  installAppMenu()
  sync.start()
  mainWindow = createWindow()
  appData.backgroundCheck
    .then((result) => onBackgroundCheck(result, dataDir, desktop))
    .catch((error: unknown) => console.error('Field CRM: acting on the data file check failed', error))
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('will-quit', () => {
  void (async () => {
    await sync?.stop()
    await appData?.close()
  })()
})

start().catch((error: unknown) => {
  console.error('Field CRM could not start', error)
  app.exit(1)
})
