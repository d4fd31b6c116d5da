import { join } from 'node:path'
import { app, BrowserWindow, dialog, shell } from 'electron'
import type { AppData } from './app-data'
import type { BackgroundCheckResult } from './backup/background-check'
import { damagedDatabaseDialog, damagedWhileRunningDialog, recoverDamagedDatabase, recoveryChoiceFor, startAppData } from './backup/recovery'
import type { Desktop } from './desktop'
import { electronDesktop } from './electron/desktop'
import { hardenApp } from './electron/hardening'
import { registerDroppedFiles } from './electron/dropped-files'
import { registerIpc } from './electron/ipc'
import { installAppMenu } from './electron/menu'
import { orderlyQuit } from './electron/orderly-quit'
import { registerAppScheme, serveAppFiles } from './electron/protocol'
import { broadcast } from './electron/broadcast'
import { electronSecretBox } from './electron/secrets'
import { utilityProcessLauncher } from './electron/utility-process'
import { secureWebPreferences } from './electron/web-preferences'
import { currentWorkAreas, rememberWindowState } from './electron/window-state'
import { handlers } from './handlers'
import { createDispatch } from './ipc/dispatch'
import { APP_ENTRY_URL } from './security/app-url'
import { devServerUrlFrom } from './security/navigation'
import { classifyStartFailure } from './start/start-failure'
import { startFailureActionFor, startFailureDialog } from './start/start-failure-dialog'
import type { SyncEngine } from './sync/engine'
import { attachSync } from './sync/registry'
import { MINIMUM_WINDOW_SIZE, placeWindow } from './window/window-placement'
import { loadWindowState } from './window/window-state'

// Electron glue only: app lifecycle, the window, IPC registration, the
// damaged-database and start-failure dialogs. Every decision it applies is a
// plain module tested under Node (security/, backup/, start/, electron/senders, web-preferences).

const devServerUrl = devServerUrlFrom(process.env['ELECTRON_RENDERER_URL'], app.isPackaged)
let mainWindow: BrowserWindow | null = null
let appData: AppData | null = null
let sync: SyncEngine | null = null
let ipc: { drain(timeoutMs: number): Promise<unknown> } | null = null
// Every window has closed: finish the calls still running, stop the sync engine, close the database.
const quitting = orderlyQuit(
  () => appData?.services ?? null,
  async () => {
    await ipc?.drain(10_000)
    await sync?.stop()
    await appData?.close()
  },
)

const dataDirOf = () => process.env['FIELDCRM_DATA_DIR'] ?? app.getPath('userData')

// app:// must be declared before the app is ready.
registerAppScheme()

/** The window, where it was last time (window/window-placement.ts keeps it on a current display). */
function createWindow(dataDir: string): BrowserWindow {
  const placed = placeWindow(loadWindowState(dataDir), currentWorkAreas())
  const win = new BrowserWindow({
    ...placed.bounds,
    minWidth: MINIMUM_WINDOW_SIZE.width,
    minHeight: MINIMUM_WINDOW_SIZE.height,
    fullscreen: placed.fullScreen,
    show: false,
    title: 'Field CRM',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs'), { packaged: app.isPackaged }),
  })
  rememberWindowState(win, dataDir)
  win.once('ready-to-show', () => {
    if (placed.maximized) win.maximize()
    win.show()
  })
  quitting.guard(win)
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL)
  return win
}

/** Opens the data folder; when the database is damaged, asks the user what to do until it opens or they quit. */
async function openDataFolder(dataDir: string, desktop: Desktop): Promise<AppData | null> {
  for (;;) {
    // A local change wakes the sync (debounced), so edits reach the server soon.
    // The background integrity check runs as a utility process (the runAsNode fuse is off).
    const outcome = await startAppData({
      dataDir,
      desktop,
      onLocalChange: () => sync?.nudge(),
      onDatabaseFileProblem: (problem) => void tellDatabaseFileGone(problem),
      processLauncher: utilityProcessLauncher,
    })
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

/** The data file went away under the running app: say so now, not at the next save, and offer to quit. */
async function tellDatabaseFileGone(problem: string): Promise<void> {
  const options = { type: 'error' as const, title: 'Field CRM', message: 'Field CRM can no longer save your data', detail: problem, buttons: ['Quit', 'Keep the window open'], defaultId: 0, cancelId: 1, noLink: true }
  const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options)
  if (response === 0) app.quit()
}

/**
 * Shows why the start failed (start/start-failure-dialog.ts) until the user
 * chooses Try again (true) or Quit (false); "Show the data folder" follows
 * Electron's shell.showItemInFolder and asks again.
 */
async function askToTryAgain(error: unknown, dataDir: string): Promise<boolean> {
  const failure = startFailureDialog(classifyStartFailure(error, dataDir))
  for (;;) {
    // https://www.electronjs.org/docs/latest/api/dialog#dialogshowmessageboxwindow-options
    const { response } = await dialog.showMessageBox({ ...failure.options, buttons: [...failure.options.buttons] })
    const action = startFailureActionFor(failure, response)
    if (action !== 'show-folder') return action === 'retry'
    shell.showItemInFolder(failure.showPath)
  }
}

/** openDataFolder, with a way out when the folder cannot be opened (read-only, full disk, a newer version, in use). */
async function openDataFolderOrExplain(dataDir: string, desktop: Desktop): Promise<AppData | null> {
  for (;;) {
    try {
      return await openDataFolder(dataDir, desktop)
    } catch (error) {
      console.error('Field CRM: the data folder could not be opened', error)
      if (!(await askToTryAgain(error, dataDir))) {
        app.exit(1)
        return null
      }
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
  const dataDir = dataDirOf()
  const desktop = electronDesktop(() => mainWindow)
  appData = await openDataFolderOrExplain(dataDir, desktop)
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
  ipc = registerIpc(createDispatch(handlers, appData.services), devServerUrl)
  registerDroppedFiles(appData.services.grants, devServerUrl)
  installAppMenu({ packaged: app.isPackaged })
  sync.start()
  mainWindow = createWindow(dataDir)
  appData.backgroundCheck
    .then((result) => onBackgroundCheck(result, dataDir, desktop))
    .catch((error: unknown) => console.error('Field CRM: acting on the data file check failed', error))
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(dataDir)
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

// One instance per userData folder: a second start hands over to the first and ends.
if (!app.requestSingleInstanceLock()) {
  app.exit(0)
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  })
  start().catch(async (error: unknown) => {
    console.error('Field CRM could not start', error)
    // The data folder opened, later wiring failed: only a restart can try again.
    try {
      if (await askToTryAgain(error, dataDirOf())) app.relaunch()
    } finally {
      app.exit(1)
    }
  })
}
