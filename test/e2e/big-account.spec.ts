import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

// An account with many cases and a long timeline shows the first 50 of each at
// once (painting hundreds held the whole detail back); the rest are a click away:
// the account's answer carries the first 50 of each, the button asks for the rest.

test('a busy account shows its first 50 cases and timeline entries, then all of them on request', async ({ crm, app }) => {
  test.setTimeout(60_000)
  const account = ok(await app.api.accounts.create({ name: 'Busy Buyers GmbH' }))
  for (let i = 1; i <= 60; i++) ok(await app.api.cases.create({ name: `Busy case ${String(i).padStart(2, '0')}`, status: 'New', priority: 'Normal', account_id: account.id }))
  for (let i = 1; i <= 55; i++) ok(await app.api.comments.add({ parent: { type: 'account', id: account.id }, body: `Call note ${i}` }))

  await crm.keyboard.press('Control+K')
  await crm.getByRole('combobox', { name: 'Search records or run a command' }).fill('Busy Buyers')
  await crm.getByRole('option', { name: /Busy Buyers GmbH/ }).click()
  await expect(crm.getByRole('heading', { name: 'Busy Buyers GmbH', level: 1 })).toBeVisible()

  const cases = crm.getByRole('region', { name: 'Cases' })
  await expect(cases.getByRole('listitem')).toHaveCount(50)
  await cases.getByRole('button', { name: 'Show all 60 cases' }).click()
  await expect(cases.getByRole('listitem')).toHaveCount(60)
  await expect(cases.getByRole('button', { name: /Show all/ })).toHaveCount(0)

  const timeline = crm.getByRole('list', { name: 'Activity' })
  await expect(timeline.getByRole('listitem')).toHaveCount(50)
  // Newest first: the latest note is shown, the oldest five wait behind the button.
  await expect(timeline.getByText('Call note 55', { exact: true })).toBeVisible()
  await expect(timeline.getByText('Call note 1', { exact: true })).toHaveCount(0)
  await crm.getByRole('button', { name: 'Show 5 earlier entries' }).click()
  await expect(timeline.getByRole('listitem')).toHaveCount(55)
  await expect(timeline.getByText('Call note 1', { exact: true })).toBeVisible()
})
