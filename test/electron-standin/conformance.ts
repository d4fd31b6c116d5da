import type * as Electron from 'electron'
import type * as StandIn from './electron/index'

// Keeps the stand-in honest at compile time (npm run typecheck): each function
// below compiles only when the members the stand-in implements fit the type Electron's own declarations (electron.d.ts of
// the pinned electron package) give that member, so a stand-in function with
// other arguments or another result does not compile. What the app calls is
// checked against electron.d.ts by the app's own typecheck; what the stand-in
// does at run time follows the documents named in each of its files.

type Members<T, K extends keyof T> = { [P in K]: T[P] }

type App = Members<Electron.App, 'whenReady' | 'isReady' | 'quit' | 'exit' | 'relaunch' | 'getPath' | 'setPath' | 'getName' | 'getVersion' | 'getLocale' | 'requestSingleInstanceLock' | 'hasSingleInstanceLock' | 'releaseSingleInstanceLock' | 'isPackaged' | 'name'>
type Window = Members<Electron.BrowserWindow, 'loadURL' | 'show' | 'hide' | 'isVisible' | 'focus' | 'isFocused' | 'isMinimized' | 'restore' | 'minimize' | 'getBounds' | 'setBounds' | 'getNormalBounds' | 'getContentBounds' | 'getSize' | 'isMaximized' | 'maximize' | 'unmaximize' | 'isFullScreen' | 'setFullScreen' | 'close' | 'destroy' | 'isDestroyed' | 'getTitle' | 'setTitle' | 'id'>
type Contents = Members<Electron.WebContents, 'loadURL' | 'reload' | 'getURL' | 'send' | 'setWindowOpenHandler' | 'openDevTools' | 'closeDevTools' | 'isDevToolsOpened' | 'toggleDevTools' | 'isDestroyed' | 'id'>
type Ipc = Members<Electron.IpcMain, 'handle' | 'handleOnce' | 'removeHandler'>
type Protocol = Members<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'>
type SessionPart = Members<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>
type Dialog = Members<Electron.Dialog, 'showMessageBox' | 'showOpenDialog' | 'showSaveDialog' | 'showErrorBox'>
type Shell = Members<Electron.Shell, 'openExternal' | 'openPath' | 'showItemInFolder' | 'beep'>
type SafeStorage = Members<Electron.SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>
type Theme = Members<Electron.NativeTheme, 'shouldUseDarkColors' | 'themeSource'>
// A display carries only what the app reads of it.
type DisplayPart = Pick<Electron.Display, 'id' | 'bounds' | 'workArea' | 'scaleFactor'>
type MenuStatics = Members<typeof Electron.Menu, 'buildFromTemplate' | 'setApplicationMenu' | 'getApplicationMenu'>

export const appFits = (implemented: Members<typeof StandIn.app, keyof App>): App => implemented
export const windowFits = (implemented: Members<InstanceType<typeof StandIn.BrowserWindow>, keyof Window>): Window => implemented
export const contentsFits = (implemented: Members<InstanceType<typeof StandIn.BrowserWindow>['webContents'], keyof Contents>): Contents => implemented
export const ipcMainFits = (implemented: Members<typeof StandIn.ipcMain, keyof Ipc>): Ipc => implemented
export const protocolFits = (implemented: Members<typeof StandIn.protocol, keyof Protocol>): Protocol => implemented
export const sessionFits = (implemented: Members<typeof StandIn.session.defaultSession, keyof SessionPart>): SessionPart => implemented
export const dialogFits = (implemented: Members<typeof StandIn.dialog, keyof Dialog>): Dialog => implemented
export const shellFits = (implemented: Members<typeof StandIn.shell, keyof Shell>): Shell => implemented
export const safeStorageFits = (implemented: Members<typeof StandIn.safeStorage, keyof SafeStorage>): SafeStorage => implemented
export const nativeThemeFits = (implemented: Members<typeof StandIn.nativeTheme, keyof Theme>): Theme => implemented
export const screenFits = (implemented: ReturnType<typeof StandIn.screen.getAllDisplays>): DisplayPart[] => implemented
export const menuFits = (implemented: Members<typeof StandIn.Menu, keyof MenuStatics>): MenuStatics => implemented

