import type { Page } from '@playwright/test'
import { ok } from '../support/temp-app'
import { connectPage, expect, MOD, test } from './fixtures'

// Home's first paint needs only the page's first chunk (and what index.html
// preloads with it): the other screens are lazy chunks, fetched after Home.
// Here every other script is held back until the test lets it go, so Home must
// paint without it, and a shortcut pressed before a screen's chunk arrived still
// opens that screen once it does.

/** Holds every script the page's index.html does not load itself; `release()` lets them through. */
async function holdLazyChunks(page: Page): Promise<{ requested: string[]; release(): void }> {
  const html = await (await page.request.get('/')).text()
  const initial = new Set([...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!))
  expect([...initial].some((a) => /assets\/index-[\w-]+\.js$/.test(a))).toBe(true)
  const requested: string[] = []
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/assets\/[^/]+\.js$/, async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\//, '')
    if (!initial.has(path)) {
      requested.push(path)
      await released
    }
    await route.continue()
  })
  return { requested, release }
}

test('Home paints without the lazy chunks; a record opened before its chunk arrives shows once it does', async ({ page, app }) => {
  const account = ok(await app.api.accounts.create({ name: 'Hooli' }))
  ok(await app.api.cases.create({ name: 'Box 3 overheating', status: 'Assigned', priority: 'High', account_id: account.id }))
  const errors = await connectPage(page, app)
  const chunks = await holdLazyChunks(page)
  await page.goto('/')

  // Home's cards are filled while every other chunk is still held back.
  const home = page.locator('section.home')
  await expect(home.getByRole('button', { name: /Box 3 overheating/ }).first()).toBeVisible()
  await expect(home.locator('[aria-labelledby="recent-title"] li').first()).toBeVisible()

  // Opened while its chunk is held: the main area waits, empty, without an error.
  await home.locator('[aria-labelledby="recent-title"]').getByRole('button', { name: /Hooli/ }).click()
  await expect(page.locator('.screen-loading')).toBeAttached()
  await expect(page.getByRole('heading', { level: 1, name: 'Hooli' })).toHaveCount(0)
  chunks.release()
  await expect(page.getByRole('heading', { level: 1, name: 'Hooli' })).toBeVisible()
  // The account's screen came from its own chunk (asked for by the preload after Home, or by the click).
  expect(chunks.requested.some((c) => /assets\/AccountDetailView-[\w-]+\.js$/.test(c))).toBe(true)
  expect(errors.map((e) => e.message)).toEqual([])
})

test('a shortcut pressed before its form has loaded opens the form when it arrives, focused', async ({ page, app }) => {
  const errors = await connectPage(page, app)
  const chunks = await holdLazyChunks(page)
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()

  await page.keyboard.press(`${MOD}+n`)
  const form = page.getByRole('dialog', { name: 'New account' })
  // The form's chunk is asked for and held: nothing yet, and nothing breaks.
  await expect.poll(() => chunks.requested.some((c) => /assets\/RecordForm-[\w-]+\.js$/.test(c))).toBe(true)
  await expect(form).toHaveCount(0)
  chunks.release()
  await expect(form).toBeVisible()
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused()
  expect(errors.map((e) => e.message)).toEqual([])
})
