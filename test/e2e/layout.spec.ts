import type { Locator, Page } from '@playwright/test'
import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

// Screens that fit: 1024×700 and 1366×768 at 200 % zoom are 512×350 and 683×384
// CSS pixels. Nothing the user needs is off-screen or cut off.

const ZOOMED_1024 = { width: 512, height: 350 }
const ZOOMED_1366 = { width: 683, height: 384 }

/** Whether the element's text is cut (ellipsis or overflow) or it spills out of `container`. */
async function clipped(el: Locator, container?: Locator): Promise<boolean> {
  const own = await el.evaluate((e) => e.scrollWidth > e.clientWidth + 1)
  if (own || !container) return own
  const [a, b] = [await el.boundingBox(), await container.boundingBox()]
  return !a || !b || a.x < b.x - 1 || a.x + a.width > b.x + b.width + 1
}

async function go(page: Page, section: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: section }).click()
}

test('Cases at 1024×700 and 200 %: rows and "New case" on screen, sidebar folded, filters behind a toggle', async ({ crm, app }) => {
  for (let i = 1; i <= 12; i++) ok(await app.api.cases.create({ name: `Case number ${i}`, status: 'New', priority: 'Low' }))
  await crm.setViewportSize(ZOOMED_1024)
  await go(crm, 'Cases')
  await expect(crm.getByRole('row', { name: /Case number/ }).first()).toBeInViewport({ ratio: 1 })
  await expect(crm.getByRole('button', { name: 'New case' })).toBeInViewport({ ratio: 1 })
  expect((await crm.getByRole('navigation', { name: 'Main' }).boundingBox())!.width).toBeLessThan(100)
  // Every section still has its name under its icon.
  await expect(crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' })).toBeInViewport()

  const status = crm.getByRole('combobox', { name: 'Status' })
  await expect(status).toBeHidden()
  await crm.getByRole('button', { name: 'Filters' }).click()
  await status.selectOption('Closed')
  await expect(crm.getByRole('button', { name: 'Filters (on)' })).toBeVisible()
})

test('Home at 1366×768 and 200 %: large counts and times are not cut off', async ({ crm, app }) => {
  for (let i = 1; i <= 1000; i++) ok(await app.api.cases.create({ name: `Urgent ${i}`, status: 'New', priority: 'Urgent' }))
  await crm.setViewportSize(ZOOMED_1366)
  await go(crm, 'Accounts')
  await go(crm, 'Home')
  const card = crm.getByRole('button', { name: /Urgent: 1000 open cases/ })
  await expect(card.getByText('1,000')).toBeVisible()
  expect(await clipped(card.getByText('1,000'), card)).toBe(false)
  const time = crm.getByRole('region', { name: 'Recent activity' }).locator('time').first()
  await expect(time).toHaveText('just now')
  expect(await clipped(time)).toBe(false)
  await expect(crm.getByRole('button', { name: 'New account' })).toBeInViewport({ ratio: 1 })
})

test('a long form: its footer hides the fields scrolled under it', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Acme' }))
  await crm.setViewportSize({ width: 1024, height: 700 })
  await go(crm, 'Accounts')
  await crm.getByRole('row', { name: 'Acme' }).click()
  await crm.getByRole('button', { name: 'Edit', exact: true }).click()
  const form = crm.getByRole('form', { name: 'Edit account' })
  const footer = form.locator('.modal-actions')
  const [f, b] = [await form.boundingBox(), await footer.boundingBox()]
  expect(Math.abs(f!.y + f!.height - (b!.y + b!.height))).toBeLessThanOrEqual(1)
})
