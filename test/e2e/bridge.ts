import type { Page } from '@playwright/test'
import { buildSync } from 'esbuild'
import { join } from 'node:path'
import type { Dispatch } from '../../src/main/ipc/dispatch'
import type { FileGrants } from '../../src/main/security/file-grants'

// The page's window.crm, bridged to the real handlers in this process: used by
// the end-to-end fixtures and by the benchmark's browser figures (bench/browser.ts).

/** What the bridge needs of an open app: its dispatch and the grants a dropped file adds to. */
export interface BridgedApp {
  dispatch: Dispatch
  data: { services: { grants: Pick<FileGrants, 'grant'> } }
}

let bridgeScript: string | null = null
function bridge(): string {
  bridgeScript ??= buildSync({
    entryPoints: [join(import.meta.dirname, 'bridge-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  }).outputFiles[0]!.text
  return bridgeScript
}

/** Connects the page to the app; returns the page's uncaught errors, which a test expects to be none. */
export async function connectPage(page: Page, app: BridgedApp): Promise<Error[]> {
  const errors: Error[] = []
  page.on('pageerror', (e) => errors.push(e))
  // A screen that throws is caught by the app's error boundary, which logs it.
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().startsWith('A screen failed to render')) errors.push(new Error(m.text()))
  })
  // The answer crosses as JSON text: Playwright's own serializer walks every value of a nested
  // object and took 1 to 2 s for an account's 300 KB detail (Electron's structured clone, which
  // this stands in for, takes milliseconds); a string crosses as it is. Answers are plain JSON data.
  await page.exposeFunction('__crmInvoke', async (channel: unknown, input: unknown) => JSON.stringify(await app.dispatch(channel, input)))
  await page.exposeFunction('__crmDropped', (path: string) => app.data.services.grants.grant(path))
  await page.addInitScript({ content: bridge() })
  return errors
}
