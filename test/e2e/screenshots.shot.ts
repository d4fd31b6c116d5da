import { join } from 'node:path'
import { openTempApp, ok } from '../support/temp-app'
import { seedDemo } from './demo-data'
import { connectPage, expect, SURVEY, test } from './fixtures'

// `npm run screenshots`: the main screens on demo data, in light and dark.
const OUT = join(import.meta.dirname, '../../docs/screenshots')

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots (${scheme})`, async ({ page }) => {
    const app = await openTempApp({ picks: [SURVEY] })
    try {
      await seedDemo(app)
      await page.emulateMedia({ colorScheme: scheme })
      await connectPage(page, app)
      await page.goto('/')
      const nav = page.getByRole('navigation', { name: 'Main' })
      const shot = async (name: string) => {
        await page.waitForTimeout(250)
        await page.screenshot({ path: join(OUT, `${name}-${scheme}.png`) })
      }
      await expect(page.getByRole('heading', { name: 'Open cases by priority' })).toBeVisible()
      await shot('home')
      await nav.getByRole('button', { name: 'Accounts' }).click()
      await expect(page.getByRole('row', { name: 'Northwind Traders' })).toBeVisible()
      await shot('accounts')
      await page.getByRole('row', { name: 'Northwind Traders' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Northwind Traders' })).toBeVisible()
      await shot('account-detail')
      await nav.getByRole('button', { name: 'Cases' }).click()
      await page.getByRole('combobox', { name: 'Status' }).selectOption('open')
      await expect(page.getByText(/records match/)).toBeVisible()
      await shot('cases')
      // The newest open case that has comments, so its timeline shows something.
      const open = ok(await app.api.cases.list({ open_only: true, sort: 'created_at', direction: 'desc', limit: 20 })).items
      const withComments = []
      for (const c of open) if (ok(await app.api.cases.get({ id: c.id })).timeline.filter((e) => e.kind !== 'status').length > 1) withComments.push(c)
      await page.getByRole('row', { name: withComments[0]!.name }).first().click()
      await expect(page.getByRole('list', { name: 'Activity' })).toBeVisible()
      await shot('case-detail')
      await page.keyboard.press('Control+E')
      await expect(page.getByRole('dialog', { name: 'Edit case' })).toBeVisible()
      await shot('case-form')
      await page.keyboard.press('Escape')
      await page.keyboard.press('Control+K')
      await page.getByRole('combobox', { name: 'Search records or run a command' }).fill('north')
      await expect(page.getByRole('option').first()).toBeVisible()
      await shot('palette')
    } finally {
      await app.close()
    }
  })
}
