// Chromium outside Electron cannot load a custom scheme such as app://crm/.
// The stand-in gives each privileged standard scheme an https origin of its
// own (app://crm/x <-> https://crm.app.standin.test/x), routes requests to
// that origin to the scheme's protocol.handle handler, and speaks of URLs to
// the app only in the scheme's own form (senderFrame.url, will-navigate,
// getURL): the app never sees the stand-in origin.

const SUFFIX = '.standin.test'
const schemes = new Set<string>()

export function addStandardScheme(scheme: string): void {
  schemes.add(scheme)
}

/** The URL Chromium loads for an app URL (unchanged for ordinary URLs). */
export function toPageUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return raw
  }
  const scheme = url.protocol.slice(0, -1)
  if (!schemes.has(scheme)) return raw
  return `https://${url.host}.${scheme}${SUFFIX}${url.pathname}${url.search}${url.hash}`
}

/** The app's form of a URL Chromium reports (unchanged for ordinary URLs). */
export function toAppUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return raw
  }
  if (url.protocol !== 'https:' || !url.hostname.endsWith(SUFFIX)) return raw
  const labels = url.hostname.slice(0, -SUFFIX.length).split('.')
  const scheme = labels.pop()!
  if (!schemes.has(scheme)) return raw
  return `${scheme}://${labels.join('.')}${url.port ? `:${url.port}` : ''}${url.pathname}${url.search}${url.hash}`
}

/** The scheme an app-origin page URL stands for, or null. */
export function schemeOfPageUrl(raw: string): string | null {
  const app = toAppUrl(raw)
  return app === raw ? null : app.slice(0, app.indexOf(':'))
}
