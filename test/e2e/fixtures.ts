import { test as base, expect, type Page } from '@playwright/test'
import { buildSync } from 'esbuild'
import { join } from 'node:path'
import { openTempApp, type TempApp } from '../support/temp-app'

// Each test gets a fresh app data folder (real database, real attachment
// store) in the test process, and a page whose window.crm is the preload's
// own API factory bridged to those handlers.

export const FILES = join(import.meta.dirname, 'files')
export const SURVEY = join(FILES, 'site-survey.txt')

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
export async function connectPage(page: Page, app: TempApp): Promise<Error[]> {
  const errors: Error[] = []
  page.on('pageerror', (e) => errors.push(e))
  // A screen that throws is caught by the app's error boundary, which logs it.
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().startsWith('A screen failed to render')) errors.push(new Error(m.text()))
  })
  await page.exposeFunction('__crmInvoke', (channel: unknown, input: unknown) => app.dispatch(channel, input))
  await page.exposeFunction('__crmDropped', (path: string) => app.data.services.grants.grant(path))
  await page.addInitScript({ content: bridge() })
  return errors
}

interface Fixtures {
  app: TempApp
  /** A page on the app, connected to `app`, already showing Home. */
  crm: Page
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = await openTempApp({ picks: [SURVEY] })
    await use(app)
    await app.close()
  },
  crm: async ({ page, app }, use) => {
    const errors = await connectPage(page, app)
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()
    await use(page)
    // A screen that throws fails its test even when the assertions passed.
    expect(errors.map((e) => e.message)).toEqual([])
  },
})

export { expect }

/** Ctrl on Linux/Windows, as the app expects there (the runs are on Linux). */
export const MOD = 'Control'
