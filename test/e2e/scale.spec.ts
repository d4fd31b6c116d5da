import { randomUUID } from 'node:crypto'
import { expect, test } from './fixtures'

// 100,000 accounts: the list pages through them as it scrolls and keeps only
// the rows in view in the page.

test('a list of 100,000 accounts scrolls to its end with a small DOM', async ({ crm, app }) => {
  // Writing 100,000 rows through the schema's triggers (search, totals) takes a while on a busy machine.
  test.setTimeout(120_000)
  const sqlite = app.data.services.db.sqlite
  const insert = sqlite.prepare('INSERT INTO accounts (id, name, name_key, city, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
  const now = new Date().toISOString()
  sqlite.transaction(() => {
    for (let i = 1; i <= 100_000; i++) {
      const name = `Account ${String(i).padStart(6, '0')}`
      insert.run(randomUUID(), name, name.toLowerCase(), i % 2 ? 'Oslo' : 'Bergen', now, now)
    }
  })()

  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  const grid = crm.getByRole('grid', { name: 'Accounts' })
  await expect(grid).toHaveAttribute('aria-rowcount', '100001')
  await expect(crm.getByText('100,000 records')).toBeVisible()
  await expect(grid.getByRole('row', { name: 'Account 000001' })).toBeVisible()

  const body = crm.getByRole('rowgroup', { name: /Accounts rows/ })
  await body.focus()
  const started = Date.now()
  await crm.keyboard.press('End')
  await expect(grid.getByRole('row', { name: 'Account 100000' })).toBeVisible()
  console.log(`jumped to row 100,000 in ${Date.now() - started} ms`)
  expect(await grid.getByRole('row').count()).toBeLessThan(80)

  // Scroll through the middle with the wheel: rows keep arriving.
  await crm.keyboard.press('Home')
  await expect(grid.getByRole('row', { name: 'Account 000001' })).toBeVisible()
  await body.hover()
  for (let i = 0; i < 10; i++) await crm.mouse.wheel(0, 4000)
  await expect(grid.getByRole('row', { name: 'Account 000001' })).toHaveCount(0)
  await expect(grid.getByRole('row', { name: /^Account 00[01]\d{3}$/ }).first()).toBeVisible()
  await expect(grid.getByRole('row', { name: 'Loading' })).toHaveCount(0)

  // The search narrows the 100,000 as the user types.
  await crm.getByRole('searchbox', { name: 'Search accounts' }).fill('099999')
  await expect(grid.getByRole('row')).toHaveCount(2)
})
