import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

// Home's "Assigned to me" and "Recently viewed".

test('Assigned to me: open cases assigned to the local user only', async ({ crm, app }) => {
  const me = ok(await app.api.lookups.get()).me
  const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
  ok(await app.api.cases.create({ name: 'Mine and open', status: 'Assigned', priority: 'High', account_id: acme.id, assignee_ids: [me.id] }))
  ok(await app.api.cases.create({ name: 'Mine but closed', status: 'Closed', closed_on: '2026-12-01', priority: 'High', assignee_ids: [me.id] }))
  ok(await app.api.cases.create({ name: 'Open, nobody’s', status: 'New', priority: 'Urgent' }))
  await crm.reload()
  const mine = crm.getByRole('region', { name: /Assigned to me/ })
  await expect(mine.getByRole('list', { name: 'Open cases assigned to me' }).getByRole('listitem')).toHaveText([/Mine and open.*Acme/])
  await expect(mine.getByRole('heading')).toHaveText(/Assigned to me\s*1/)
  await mine.getByRole('button', { name: /Mine and open/ }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Mine and open' })).toBeVisible()
})

test('Assigned to me shows the newest six and opens the Cases list filtered to the rest', async ({ crm, app }) => {
  const me = ok(await app.api.lookups.get()).me
  for (let i = 1; i <= 8; i++) ok(await app.api.cases.create({ name: `Mine ${i}`, status: 'New', priority: 'Normal', assignee_ids: [me.id] }))
  ok(await app.api.cases.create({ name: 'Not mine', status: 'New', priority: 'Normal' }))
  await crm.reload()
  const mine = crm.getByRole('region', { name: /Assigned to me/ })
  await expect(mine.getByRole('list', { name: 'Open cases assigned to me' }).getByRole('listitem')).toHaveCount(6)
  await mine.getByRole('button', { name: 'Show all 8' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible()
  await expect(crm.getByRole('row', { name: /Mine \d/ })).toHaveCount(8)
  await expect(crm.getByRole('row', { name: /Not mine/ })).toHaveCount(0)
})

test('Recently viewed: the records opened, newest first, kept when the page loads again, a deleted one gone', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Umbrella' }))
  const kase = ok(await app.api.cases.create({ name: 'Broken hinge', status: 'New', priority: 'Normal' }))
  ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Byron' }))
  const nav = crm.getByRole('navigation', { name: 'Main' })
  const viewed = crm.getByRole('list', { name: 'Recently viewed' })
  await expect(crm.getByText('Records you open show up here.')).toBeVisible()

  await nav.getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Umbrella' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Umbrella' })).toBeVisible()
  await nav.getByRole('button', { name: 'Cases' }).click()
  await crm.getByRole('row', { name: 'Broken hinge' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Broken hinge' })).toBeVisible()
  await nav.getByRole('button', { name: 'Home' }).click()
  await expect(viewed.getByRole('listitem')).toHaveText([/Case\s*Broken hinge/, /Account\s*Umbrella/])

  // The page loaded again (the restart itself: src/main/recent/recent.test.ts): still there.
  await crm.reload()
  await expect(viewed.getByRole('listitem')).toHaveText([/Case\s*Broken hinge/, /Account\s*Umbrella/])

  ok(await app.api.cases.delete({ id: kase.id }))
  await crm.reload()
  await expect(viewed.getByRole('listitem')).toHaveText([/Account\s*Umbrella/])
  await viewed.getByRole('button', { name: /Umbrella/ }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Umbrella' })).toBeVisible()
})
