import type { Page } from '@playwright/test'
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ok } from '../support/temp-app'
import { expect, runFromPalette, test } from './fixtures'

// The CSV dialog against the real handlers: pick a file, fix the mapping the
// preview proposed, see a row's error, import, and export back out.

async function openDialog(crm: Page) {
  await runFromPalette(crm, 'Import or export CSV')
  const dialog = crm.getByRole('dialog', { name: 'Import and export CSV' })
  await expect(dialog).toBeVisible()
  return dialog
}

test('imports a CSV after the mapping is fixed, and exports it again', async ({ crm, app }) => {
  const folder = await mkdtemp(join(tmpdir(), 'fieldcrm-import-e2e-'))
  try {
    const csv = join(folder, 'leads.csv')
    await writeFile(csv, 'Company,Town,Mail\r\nAcme,Paris,sales@acme.test\r\nGlobex,Lyon,not-an-email\r\n')
    app.desktop.csvToOpen = csv
    const dialog = await openDialog(crm)
    await dialog.getByRole('button', { name: 'Choose CSV file…' }).click()

    await expect(dialog.getByText('leads.csv')).toBeVisible()
    await expect(dialog.getByRole('combobox', { name: 'Field for column Company' })).toHaveValue('name')
    await expect(dialog.getByRole('combobox', { name: 'Field for column Town' })).toHaveValue('')
    await dialog.getByRole('combobox', { name: 'Field for column Town' }).selectOption('city')
    await dialog.getByRole('combobox', { name: 'Field for column Mail' }).selectOption('email')
    await expect(dialog.getByRole('alert')).toContainText('Row 3 · Email')
    await expect(dialog.getByRole('button', { name: 'Import 2 accounts' })).toBeDisabled()

    // The user fixes the file and reads it again; the import then goes through. Saved as an
    // editor saves (a new file renamed over the old), so a preview still reading never sees it half written.
    await writeFile(`${csv}.new`, 'Company,Town,Mail\r\nAcme,Paris,sales@acme.test\r\nGlobex,Lyon,info@globex.test\r\n')
    await rename(`${csv}.new`, csv)
    await dialog.getByRole('combobox', { name: 'Field for column Mail' }).selectOption('')
    await dialog.getByRole('combobox', { name: 'Field for column Mail' }).selectOption('email')
    await expect(dialog.getByRole('alert')).toHaveCount(0)
    await dialog.getByRole('button', { name: 'Import 2 accounts' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: 'Imported 2 accounts.' })).toBeVisible()
    const stored = ok(await app.api.accounts.list({}))
    expect(stored.items.map((a) => [a.name, a.city, a.email])).toEqual([['Acme', 'Paris', 'sales@acme.test'], ['Globex', 'Lyon', 'info@globex.test']])

    // The export says which flavour it writes: for spreadsheets (guarded, every cell quoted) or plain data (exact).
    app.desktop.csvSavePath = join(folder, 'out.csv')
    await expect(dialog.getByText(/Safe to open in Excel or LibreOffice/)).toBeVisible()
    await dialog.getByRole('button', { name: 'Export accounts to CSV…' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: 'Exported 2 accounts' }).filter({ hasText: 'for spreadsheets' })).toBeVisible()
    expect(await readFile(join(folder, 'out.csv'), 'utf8')).toContain('"Globex","info@globex.test"')
    app.desktop.csvSavePath = join(folder, 'plain.csv')
    await dialog.getByRole('combobox', { name: 'Export as' }).selectOption('plain')
    await expect(dialog.getByText(/Every value exactly as stored/)).toBeVisible()
    await dialog.getByRole('button', { name: 'Export accounts to CSV…' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: 'plain data (exact)' })).toBeVisible()
    expect(await readFile(join(folder, 'plain.csv'), 'utf8')).toContain('Globex,info@globex.test')
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
})

test('rows of bare delimiters are skipped, and the good rows can be imported with the bad ones listed', async ({ crm, app }) => {
  const folder = await mkdtemp(join(tmpdir(), 'fieldcrm-import-e2e-'))
  try {
    const csv = join(folder, 'contacts.csv')
    // A spreadsheet's export: the data, one bad email, then rows of bare delimiters.
    await writeFile(csv, 'First Name;Last Name;Email\r\nAda;Lovelace;ada@x.test\r\nAlan;Turing;not-an-email\r\nGrace;Hopper;\r\n;;\r\n;;\r\n;;\r\n')
    app.desktop.csvToOpen = csv
    const dialog = await openDialog(crm)
    await dialog.getByRole('combobox', { name: 'Records' }).selectOption('contacts')
    await dialog.getByRole('button', { name: 'Choose CSV file…' }).click()
    await expect(dialog.getByText('3 rows')).toBeVisible()
    await expect(dialog.getByRole('alert')).toContainText('1 problem in 1 row')
    await expect(dialog.getByRole('alert')).toContainText('Row 3 · Email')
    await expect(dialog.getByRole('button', { name: 'Import 3 contacts' })).toBeDisabled()

    await dialog.getByRole('button', { name: 'Import 2 good rows, skip 1 bad one' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: 'Imported 2 contacts. Skipped 1 row, listed below.' })).toBeVisible()
    await expect(dialog.getByRole('alert')).toContainText('1 row not imported')
    await expect(dialog.getByRole('alert')).toContainText('Row 3 · Email')
    const stored = ok(await app.api.contacts.list({}))
    expect(stored.items.map((c) => c.first_name).sort()).toEqual(['Ada', 'Grace'])
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
})
