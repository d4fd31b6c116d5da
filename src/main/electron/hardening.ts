import { app, session, shell, type WebContents } from 'electron'
import { decideNavigation, isAllowedRequestUrl, isPermissionGranted } from '../security/navigation'

// Applies the security decisions (made and tested in ../security) to every
// web contents and to the default session. Called once, before any window.

function guardContents(contents: WebContents, devServerUrl?: string): void {
  // will-frame-navigate covers every frame, the main one included; will-navigate comes
  // for the main frame as well, so only it hands a link to the browser (once per click).
  const refuse = (event: { url: string; preventDefault(): void }) => {
    if (decideNavigation(event.url, 'navigate', devServerUrl) !== 'allow') event.preventDefault()
  }
  contents.on('will-frame-navigate', refuse)
  contents.on('will-redirect', refuse)
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, 'navigate', devServerUrl)
    if (decision === 'allow') return
    event.preventDefault()
    if (decision === 'open-externally') void shell.openExternal(event.url)
  })
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
