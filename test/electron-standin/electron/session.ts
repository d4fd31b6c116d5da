import type * as Electron from 'electron'
import { app } from './app'

// Follows docs/api/session.md and docs/api/web-request.md: the default
// session's permission handlers, and webRequest.onBeforeRequest, whose
// listener gets every request's details and answers { cancel } through its
// callback. Headless Chromium asks nobody for permissions, so the stand-in
// consults the handlers when a test asks (the 'permission' command), the way
// Electron would for a page's request.

export interface RequestDetails {
  id: number
  url: string
  method: string
  resourceType: string
  referrer: string
  timestamp: number
  webContentsId?: number
  webContents?: unknown
  frame?: unknown
}

type BeforeRequest = (details: RequestDetails, callback: (response: { cancel?: boolean; redirectURL?: string }) => void) => void
type PermissionRequest = NonNullable<Parameters<Electron.Session['setPermissionRequestHandler']>[0]>
type PermissionCheck = NonNullable<Parameters<Electron.Session['setPermissionCheckHandler']>[0]>
type DevicePermission = NonNullable<Parameters<Electron.Session['setDevicePermissionHandler']>[0]>

class Session {
  permissionRequest: PermissionRequest | null = null
  permissionCheck: PermissionCheck | null = null
  devicePermission: DevicePermission | null = null
  beforeRequest: BeforeRequest | null = null

  readonly webRequest = Object.freeze({
    onBeforeRequest: (filterOrListener: unknown, maybeListener?: BeforeRequest) => {
      this.beforeRequest = (typeof filterOrListener === 'function' ? filterOrListener : maybeListener) as BeforeRequest | null
    },
  })

  setPermissionRequestHandler(handler: PermissionRequest | null): void {
    this.permissionRequest = handler
  }
  setPermissionCheckHandler(handler: PermissionCheck | null): void {
    this.permissionCheck = handler
  }
  setDevicePermissionHandler(handler: DevicePermission | null): void {
    this.devicePermission = handler
  }

  /** Electron's default, with no handler set, grants every permission. */
  requestPermission(webContents: unknown, permission: string, origin: string): Promise<boolean> {
    if (!this.permissionRequest) return Promise.resolve(true)
    const details = { requestingUrl: origin, isMainFrame: true } as unknown as Parameters<PermissionRequest>[3]
    return new Promise((resolve) => this.permissionRequest!(webContents as Electron.WebContents, permission as Parameters<PermissionRequest>[1], resolve, details))
  }
  checkPermission(webContents: unknown, permission: string, origin: string): boolean {
    const details = { isMainFrame: true } as unknown as Parameters<PermissionCheck>[3]
    return this.permissionCheck ? this.permissionCheck(webContents as Electron.WebContents, permission as Parameters<PermissionCheck>[1], origin, details) : true
  }

  /** onBeforeRequest's verdict for a request: cancel or go on. */
  allows(details: RequestDetails): Promise<boolean> {
    if (!this.beforeRequest) return Promise.resolve(true)
    return new Promise((resolve) => this.beforeRequest!(details, (response) => resolve(!response?.cancel)))
  }
}

let defaultSession: Session | null = null

export const session = {
  get defaultSession(): Session {
    if (!app.isReady()) throw new Error('session module can only be used after the app is ready')
    return (defaultSession ??= new Session())
  },
}

export type { Session }
