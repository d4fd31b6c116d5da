import { app, session, shell, type WebContents } from 'electron'
import { decideNavigation, isAllowedRequestUrl, isPermissionGranted } from '../security/navigation'

// Applies the security decisions (made and tested in ../security) to every
// web contents and to the default session. Called once, before any window.

function guardContents(contents: WebContents, devServerUrl?: string): void {
  const onNavigate = (event: { url: string; isMainFrame: boolean; preventDefault(): void }) => {
    const decision = decideNavigation(event.url, 'navigate', devServerUrl)
    if (decision === 'allow') return
    event.preventDefault()
    // Only a link the user followed in the window itself goes to the browser, not a frame's redirect.
    if (decision === 'open-externally' && event.isMainFrame) void shell.openExternal(event.url)
  }
  contents.on('will-navigate', onNavigate)
  contents.on('will-frame-navigate', onNavigate)
  contents.on('will-redirect', onNavigate)
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url, 'new-window', devServerUrl) === 'open-externally') void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export function hardenApp(devServerUrl?: string): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, devServerUrl))
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)))
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission))
  ses.setDevicePermissionHandler(() => false)
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url, devServerUrl) }))
}
