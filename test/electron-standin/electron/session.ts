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
type PermissionRequest = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void
type PermissionCheck = (webContents: unknown, permission: string, requestingOrigin: string, details: Record<string, unknown>) => boolean

class Session {
  permissionRequest: PermissionRequest | null = null
  permissionCheck: PermissionCheck | null = null
  devicePermission: ((details: unknown) => boolean) | null = null
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
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void {
    this.devicePermission = handler
  }

  /** Electron's default, with no handler set, grants every permission. */
  requestPermission(webContents: unknown, permission: string, origin: string): Promise<boolean> {
    if (!this.permissionRequest) return Promise.resolve(true)
    return new Promise((resolve) => this.permissionRequest!(webContents, permission, resolve, { requestingUrl: origin, isMainFrame: true }))
  }
  checkPermission(webContents: unknown, permission: string, origin: string): boolean {
    return this.permissionCheck ? this.permissionCheck(webContents, permission, origin, { isMainFrame: true }) : true
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
