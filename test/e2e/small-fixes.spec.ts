import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Dispatch } from '../../src/main/ipc/dispatch'
import { ok } from '../support/temp-app'
import { expect, MOD, test } from './fixtures'

// The smaller things that stood in the way on day one (issue 17, item 7).

test('an account shows its revenue as money and its website as a link', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Brightwater', annual_revenue: '12500000', currency: 'EUR', website: 'https://brightwater.example' }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Brightwater' }).click()
  const details = crm.getByRole('region', { name: 'Details' })
  await expect(details.getByText(/€12,500,000\.00/)).toBeVisible()
  await expect(details.getByRole('link', { name: 'brightwater.example' })).toHaveAttribute('href', 'https://brightwater.example')
})

test('the same message twice shows one toast, not two', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Acme' }))
  // Time stands still, so the first toast cannot simply have expired.
  await crm.clock.install()
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Acme' }).click()
  for (const city of ['Lyon', 'Paris']) {
    await crm.keyboard.press(`${MOD}+E`)
    await crm.getByRole('dialog', { name: 'Edit account' }).getByLabel('City').fill(city)
    await crm.keyboard.press(`${MOD}+S`)
    await expect(crm.getByRole('dialog', { name: 'Edit account' })).toBeHidden()
  }
  await expect(crm.getByRole('status').filter({ hasText: 'Saved “Acme”' })).toHaveCount(1)
})

test('a list that failed to load offers Retry', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Acme' }))
  const real = app.dispatch
  app.dispatch = ((ch, input) => (ch === 'accounts.list' ? Promise.resolve({ ok: false, error: { code: 'io', message: 'The disk is busy' } }) : real(ch, input))) as Dispatch
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await expect(crm.getByText('The disk is busy')).toBeVisible()
  app.dispatch = real
  await crm.getByRole('button', { name: 'Try again' }).click()
  await expect(crm.getByRole('row', { name: 'Acme' })).toBeVisible()
})

test('the list toggle says Archived (not Closed), and a cut-off name shows in full on hover', async ({ crm, app }) => {
  const long = 'Compressor on the north roof rattles and trips the breaker'
  await crm.setViewportSize({ width: 900, height: 700 })
  ok(await app.api.cases.create({ name: long, status: 'Closed', priority: 'Low', closed_on: '2026-11-02' }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click()
  await expect(crm.getByRole('radio', { name: 'Archived' })).toBeVisible()
  await expect(crm.getByRole('radio', { name: 'Closed' })).toHaveCount(0)
  const cell = crm.getByRole('row', { name: long }).getByRole('gridcell').first()
  await cell.hover()
  await expect(cell).toHaveAttribute('title', long)
})

test('the import dialog keeps its side padding around the mapping table', async ({ crm, app }) => {
  const csv = join(app.dir, 'few.csv')
  await writeFile(csv, 'Company,Town\r\nAcme,Paris\r\n')
  app.desktop.csvToOpen = csv
  await crm.keyboard.press('Control+K')
  await crm.getByRole('combobox', { name: 'Search records or run a command' }).fill('Import or export CSV')
  await crm.keyboard.press('Enter')
  const dialog = crm.getByRole('dialog', { name: 'Import and export CSV' })
  await dialog.getByRole('button', { name: 'Choose CSV file…' }).click()
  const table = dialog.getByRole('table')
  await expect(table).toBeVisible()
  const [d, t] = [await dialog.boundingBox(), await table.boundingBox()]
  expect(t!.x - d!.x).toBeGreaterThanOrEqual(12)
  expect(d!.x + d!.width - (t!.x + t!.width)).toBeGreaterThanOrEqual(12)
})
