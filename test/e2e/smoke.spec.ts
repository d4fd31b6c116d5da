import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

test('every screen renders on an empty database', async ({ crm }) => {
  for (const name of ['Accounts', 'Contacts', 'Cases', 'Home']) {
    await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click()
    await expect(crm.getByRole('heading', { level: 1, name })).toBeVisible()
  }
})

test('every detail screen renders, and a missing record shows an error instead of a blank page', async ({ crm, app }) => {
  const account = ok(await app.api.accounts.create({ name: 'Hooli' }))
  const contact = ok(await app.api.contacts.create({ first_name: 'Gavin', last_name: 'Belson', account_id: account.id }))
  ok(await app.api.cases.create({ name: 'Box 3 overheating', status: 'Assigned', priority: 'High', account_id: account.id, contact_ids: [contact.id] }))
  const nav = crm.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Hooli' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Hooli' })).toBeVisible()
  await crm.getByRole('region', { name: 'Contacts' }).getByRole('button', { name: /Gavin Belson/ }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Gavin Belson' })).toBeVisible()
  await crm.getByRole('region', { name: 'Cases' }).getByRole('button', { name: /Box 3 overheating/ }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Box 3 overheating' })).toBeVisible()

  // Deleted behind the window's back (say, by a sync): the next reload says so.
  ok(await app.api.accounts.delete({ id: account.id }))
  await crm.evaluate(() => (window as unknown as { __crmPush(n: string, p: unknown): void }).__crmPush('data.changed', { entities: ['case'] }))
  await expect(crm.getByRole('alert')).toContainText('not found')
})
