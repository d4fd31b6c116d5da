import { test as base, expect, type Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { resolveAttachmentUrl } from '../../src/main/security/attachment-url'
import { openTempApp, type TempApp } from '../support/temp-app'
import { connectPage } from './bridge'

// Each test gets a fresh app data folder (real database, real attachment
// store) in the test process, and a page whose window.crm is the preload's
// own API factory bridged to those handlers (./bridge.ts).

export const FILES = join(import.meta.dirname, 'files')
export const SURVEY = join(FILES, 'site-survey.txt')

export { connectPage }

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

/** Runs a command as a person does: Ctrl+K, its name typed, its entry picked. */
export async function runFromPalette(crm: Page, label: string): Promise<void> {
  await crm.keyboard.press('Control+K')
  await crm.getByRole('combobox', { name: 'Search records or run a command' }).fill(label)
  await crm.getByRole('option', { name: new RegExp(`Command\\s*${label}`) }).click()
}

/**
 * The page here is served over http, not app://: its /attachments/<id>
 * requests are answered by the app's own protocol decision
 * (resolveAttachmentUrl), with its status codes and headers.
 */
export async function serveAttachmentsAsTheAppDoes(crm: Page, app: TempApp): Promise<void> {
  await crm.route('**/attachments/*', async (route) => {
    const found = await resolveAttachmentUrl(app.data.services, `app://crm${new URL(route.request().url()).pathname}`)
    if (!found.ok) return route.fulfill({ status: found.status })
    return route.fulfill({ status: 200, headers: found.headers, body: await readFile(found.path) })
  })
}

/** Creates an account through the Accounts list's "New account" form and waits for its page. */
export async function createAccountInForm(crm: Page, name: string): Promise<void> {
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('button', { name: 'New account' }).click()
  const form = crm.getByRole('dialog', { name: 'New account' })
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(crm.getByRole('heading', { level: 1, name })).toBeVisible()
}
