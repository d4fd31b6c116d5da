import { expect, test } from '@playwright/test'
import { openTempApp } from '../support/temp-app'
import { watchCspViolations } from './csp-violations'
import { connectPage, createAccountInForm } from './fixtures'

// The CSP (no eval) is in force from the page's first script: nothing the app
// runs, at start or when its forms build their schemas, asks for what it refuses.

test('the app starts and opens a form without one CSP violation', async ({ page }) => {
  const app = await openTempApp()
  try {
    const violations = await watchCspViolations(page, 'each load')
    await connectPage(page, app)
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()
    await createAccountInForm(page, 'Fabrikam')
    expect(await violations()).toEqual([])
  } finally {
    await app.close()
  }
})
