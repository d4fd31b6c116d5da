import type { Page } from '@playwright/test'

// The CSP violations a page reports (its securitypolicyviolation events), kept
// in the page so that a test can expect none.

type WatchedWindow = { cspViolations: string[] }

function watch() {
  const seen: string[] = ((window as unknown as WatchedWindow).cspViolations = [])
  document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
}

/**
 * Records the page's CSP violations from now on ('now'), or from the start of
 * every document it loads next ('each load'); answers a reader of those seen.
 */
export async function watchCspViolations(page: Page, from: 'now' | 'each load'): Promise<() => Promise<string[]>> {
  if (from === 'now') await page.evaluate(watch)
  else await page.addInitScript(watch)
  return () => page.evaluate(() => (window as unknown as WatchedWindow).cspViolations)
}
