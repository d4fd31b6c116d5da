/**
 * True when an IPC message comes from a page the app itself loaded: the
 * app:// origin, or the dev server while developing. Any other frame (an
 * injected iframe, a navigated-away page) is refused.
 */
export function isTrustedSenderUrl(frameUrl: string | undefined, devServerUrl?: string): boolean {
  if (!frameUrl) return false
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return false
  }
  if (url.protocol === 'app:' && url.host === 'crm') return true
  if (devServerUrl) {
    try {
      return url.origin === new URL(devServerUrl).origin
    } catch {
      return false
    }
  }
  return false
}
