import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ok } from '../support/temp-app'
import { expect, runFromPalette, test } from './fixtures'

// Backup, restore and CSV import are commands like any other: run here from the palette.

test('back up, then restore after a confirmation', async ({ crm, app }) => {
  const folder = await mkdtemp(join(tmpdir(), 'fieldcrm-backup-'))
  try {
    ok(await app.api.accounts.create({ name: 'Kept in the backup' }))
    app.desktop.backupSavePath = join(folder, 'crm-backup.sqlite')
    await runFromPalette(crm, 'Back up data')
    await expect(crm.getByRole('status').filter({ hasText: 'Backup saved to' })).toBeVisible()
    expect((await stat(join(folder, 'crm-backup.sqlite'))).size).toBeGreaterThan(0)

    ok(await app.api.accounts.create({ name: 'Made after the backup' }))
    await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
    await expect(crm.getByRole('row', { name: 'Made after the backup' })).toBeVisible()

    app.desktop.backupToOpen = join(folder, 'crm-backup.sqlite')
    await runFromPalette(crm, 'Restore from a backup')
    const confirm = crm.getByRole('dialog', { name: 'Restore from a backup?' })
    await confirm.getByRole('button', { name: 'Choose backup…' }).click()
    await expect(crm.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible()
    await expect(crm.getByRole('row', { name: 'Kept in the backup' })).toBeVisible()
    await expect(crm.getByRole('row', { name: 'Made after the backup' })).toHaveCount(0)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
})

test('the CSV import dialog opens from the palette', async ({ crm }) => {
  await runFromPalette(crm, 'Import or export CSV')
  await expect(crm.getByRole('dialog', { name: 'Import and export CSV' })).toBeVisible()
})
