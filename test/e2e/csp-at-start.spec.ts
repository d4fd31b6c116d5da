import { expect, test } from '@playwright/test'
import { openTempApp } from '../support/temp-app'
import { connectPage } from './fixtures'

// The CSP (no eval) is in force from the page's first script: nothing the app
// runs, at start or when its forms build their schemas, asks for what it refuses.

test('the app starts and opens a form without one CSP violation', async ({ page }) => {
  const app = await openTempApp()
  try {
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = [])
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
    })
    await connectPage(page, app)
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
    await page.getByRole('button', { name: 'New account' }).click()
    const form = page.getByRole('dialog', { name: 'New account' })
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Fabrikam')
    await form.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Fabrikam' })).toBeVisible()
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([])
  } finally {
    await app.close()
  }
})
