import { APP_ORIGIN } from './app-url'

/** What to do when a page asks to go somewhere: stay (own page), hand to the OS, or refuse. */
export type NavigationDecision = 'allow' | 'open-externally' | 'deny'

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:'])

/** What a phone link may hold: an optional +, digits and the usual separators, an optional extension. */
const TEL_NUMBER = /^\+?[\d().-]{3,32}(;ext=\d{1,10})?$/

function parse(raw: string): URL | null {
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

/** URL.origin is "null" for a custom scheme, so compare scheme and host. */
export function isAppOrigin(url: URL): boolean {
  return `${url.protocol}//${url.host}` === APP_ORIGIN && !url.username && !url.password
}

function sameOrigin(url: URL, devServerUrl?: string): boolean {
  if (url.protocol === 'app:') return isAppOrigin(url)
  if (!devServerUrl) return false
  const dev = parse(devServerUrl)
  return dev !== null && url.origin === dev.origin
}

/**
 * True when a link may be given to shell.openExternal: http(s) with a host and
 * no credentials, mailto, or tel with a plain number. Everything else (file:, javascript:, smb:, custom
 * app schemes that could launch programs) is refused.
 */
export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false
  const url = parse(raw)
  if (!url || !EXTERNAL_PROTOCOLS.has(url.protocol)) return false
  if (url.protocol === 'mailto:') return url.pathname.length > 0
  if (url.protocol === 'tel:') return TEL_NUMBER.test(url.pathname)
  return url.hostname.length > 0 && !url.username && !url.password
}

/**
 * Decides a navigation of the main window (will-navigate, will-redirect) or a
 * window.open: the window only ever shows the app's own pages; safe external
 * links open in the user's browser or mail program; nothing else happens.
 * A new window is never opened, even for the app's own origin.
 */
export function decideNavigation(raw: string, kind: 'navigate' | 'new-window', devServerUrl?: string): NavigationDecision {
  const url = parse(raw)
  if (!url) return 'deny'
  if (sameOrigin(url, devServerUrl)) return kind === 'navigate' ? 'allow' : 'deny'
  return isSafeExternalUrl(raw) ? 'open-externally' : 'deny'
}

/**
 * Whether the page may load this URL at all (every request the session makes).
 * Only the app's own files, inline data images, devtools, and the dev server
 * while developing: no remote content.
 */
export function isAllowedRequestUrl(raw: string, devServerUrl?: string): boolean {
  const url = parse(raw)
  if (!url) return false
  if (url.protocol === 'data:' || url.protocol === 'devtools:') return true
  if (url.protocol === 'app:') return isAppOrigin(url)
  if (!devServerUrl) return false
  const dev = parse(devServerUrl)
  if (!dev) return false
  if (url.origin === dev.origin) return true
  // Vite's hot reload socket, on the dev server's own host and port.
  return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.host === dev.host
}

/** Permissions the app needs from Chromium: none. Every request and check is refused. */
export function isPermissionGranted(_permission: string): boolean {
  return false
}

/**
 * The dev server the window loads while developing, from electron-vite's
 * ELECTRON_RENDERER_URL. Ignored in a packaged app (an environment variable
 * must never point the trusted window at another site) and unless it is
 * http on this computer.
 */
export function devServerUrlFrom(value: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || !value) return undefined
  const url = parse(value)
  if (!url || url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return undefined
  return url.origin + '/'
}
