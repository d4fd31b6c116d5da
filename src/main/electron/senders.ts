import { isAppOrigin } from '../security/navigation'

/**
 * True when an IPC message comes from a page the app itself loaded: the
 * app://crm origin, or the dev server while developing. Any other frame (an
 * injected iframe, a navigated-away page, a file:// page) is refused.
 */
export function isTrustedSenderUrl(frameUrl: string | undefined, devServerUrl?: string): boolean {
  if (!frameUrl) return false
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return false
  }
  if (url.protocol === 'app:') return isAppOrigin(url)
  if (devServerUrl) {
    try {
      const dev = new URL(devServerUrl)
      return (dev.protocol === 'http:' || dev.protocol === 'https:') && url.origin === dev.origin
    } catch {
      return false
    }
  }
  return false
}
