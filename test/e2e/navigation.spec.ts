import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

// Lists, filters, the palette, delete with undo, and the keyboard.

test('filter and sort cases; the filters are still there when coming back', async ({ crm, app }) => {
  const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
  ok(await app.api.cases.create({ name: 'Alpha outage', status: 'New', priority: 'Urgent', case_type: 'Incident', account_id: acme.id }))
  ok(await app.api.cases.create({ name: 'Beta question', status: 'Pending', priority: 'Low', case_type: 'Question' }))
  ok(await app.api.cases.create({ name: 'Gamma closed', status: 'Closed', priority: 'Urgent', closed_on: '2026-11-01' }))
  const nav = crm.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('button', { name: 'Cases' }).click()
  const grid = crm.getByRole('grid', { name: 'Cases' })
  await expect(grid.getByRole('row')).toHaveCount(4) // header + 3

  await crm.getByRole('combobox', { name: 'Priority' }).selectOption('Urgent')
  await expect(grid.getByRole('row')).toHaveCount(3)
  await crm.getByRole('combobox', { name: 'Status' }).selectOption('open')
  await expect(grid.getByRole('row')).toHaveCount(2)
  await expect(grid.getByRole('row', { name: 'Alpha outage' })).toBeVisible()

  await nav.getByRole('button', { name: 'Accounts' }).click()
  await nav.getByRole('button', { name: 'Cases' }).click()
  await expect(crm.getByRole('combobox', { name: 'Priority' })).toHaveValue('Urgent')
  await expect(grid.getByRole('row')).toHaveCount(2)

  await crm.getByRole('button', { name: 'Clear filters' }).first().click()
  await crm.getByRole('searchbox', { name: 'Search cases' }).fill('beta')
  await expect(grid.getByRole('row')).toHaveCount(2)
  await expect(grid.getByRole('row', { name: 'Beta question' })).toBeVisible()
  await crm.getByRole('searchbox', { name: 'Search cases' }).fill('')

  // Sort by name, both ways.
  await grid.getByRole('button', { name: 'Case' }).click()
  await expect(grid.getByRole('row').nth(1)).toHaveAccessibleName('Alpha outage')
  await grid.getByRole('button', { name: 'Case' }).click()
  await expect(grid.getByRole('row').nth(1)).toHaveAccessibleName('Gamma closed')
  await expect(grid.getByRole('columnheader', { name: 'Case' })).toHaveAttribute('aria-sort', 'descending')

  // The Archived toggle shows archived records only.
  await crm.getByRole('radio', { name: 'Archived' }).click()
  await expect(crm.getByText('No cases match these filters')).toBeVisible()
})

test('search everything with the palette and open the hit', async ({ crm, app }) => {
  const account = ok(await app.api.accounts.create({ name: 'Stark Industries', city: 'Malibu' }))
  ok(await app.api.comments.add({ parent: { type: 'account', id: account.id }, body: 'Arc reactor demo scheduled' }))
  await crm.keyboard.press('Control+K')
  const input = crm.getByRole('combobox', { name: 'Search records or run a command' })
  await expect(input).toBeFocused()
  await input.fill('reactor')
  await expect(crm.getByRole('option', { name: /Comment.*Arc reactor/ })).toBeVisible()
  await input.fill('stark')
  await expect(crm.getByRole('option', { name: /Account.*Stark Industries/ })).toBeVisible()
  await input.press('Enter')
  await expect(crm.getByRole('heading', { level: 1, name: 'Stark Industries' })).toBeVisible()

  // Commands run from the palette too.
  await crm.keyboard.press('Control+K')
  await input.fill('go to contacts')
  await input.press('Enter')
  await expect(crm.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible()
})

test('delete a record with undo; it is deleted only when the toast expires', async ({ crm, app }) => {
  const keep = ok(await app.api.accounts.create({ name: 'Wayne Enterprises' }))
  const drop = ok(await app.api.accounts.create({ name: 'Oscorp' }))
  await crm.clock.install()
  const nav = crm.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('button', { name: 'Accounts' }).click()

  await crm.getByRole('row', { name: 'Wayne Enterprises' }).click()
  await crm.getByRole('button', { name: 'Delete' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible()
  await crm.getByRole('button', { name: 'Undo' }).click()
  await crm.clock.fastForward(10_000)
  expect(ok(await app.api.accounts.get({ id: keep.id })).account.name).toBe('Wayne Enterprises')

  await crm.getByRole('row', { name: 'Oscorp' }).click()
  await crm.getByRole('button', { name: 'Delete' }).click()
  await expect(crm.getByRole('status').filter({ hasText: 'Account “Oscorp” deleted' })).toBeVisible()
  expect((await app.api.accounts.get({ id: drop.id })).ok).toBe(true)
  await crm.clock.fastForward(10_000)
  await expect.poll(async () => (await app.api.accounts.get({ id: drop.id })).ok).toBe(false)
  await expect(crm.getByRole('row', { name: 'Oscorp' })).toHaveCount(0)
  await expect(crm.getByRole('row', { name: 'Wayne Enterprises' })).toBeVisible()
})

test('keyboard only: new record, save, open from the list, back', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Aardvark Ltd' }))
  await crm.keyboard.press('Control+2')
  await expect(crm.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible()
  await crm.keyboard.press('Control+N')
  const form = crm.getByRole('dialog', { name: 'New account' })
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused()
  await crm.keyboard.type('Zebra Logistics')
  await crm.keyboard.press('Control+S')
  await expect(crm.getByRole('heading', { level: 1, name: 'Zebra Logistics' })).toBeVisible()

  // Back to the list, search it, move down with the arrows and open with Enter.
  await crm.keyboard.press('Alt+ArrowLeft')
  await expect(crm.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible()
  await crm.keyboard.press('Control+F')
  await expect(crm.getByRole('searchbox', { name: 'Search accounts' })).toBeFocused()
  await crm.keyboard.press('ArrowDown')
  await crm.keyboard.press('ArrowDown')
  await crm.keyboard.press('Enter')
  await expect(crm.getByRole('heading', { level: 1, name: 'Zebra Logistics' })).toBeVisible()

  // Edit with the keyboard; Escape closes without saving.
  await crm.keyboard.press('Control+E')
  await expect(crm.getByRole('dialog', { name: 'Edit account' })).toBeVisible()
  await crm.keyboard.press('Escape')
  await expect(crm.getByRole('dialog', { name: 'Edit account' })).toBeHidden()

  // Every control in the sidebar is reachable with Tab and named.
  await crm.keyboard.press('Control+1')
  await crm.getByRole('button', { name: /Search…/ }).focus()
  await crm.keyboard.press('Tab')
  await expect(crm.getByRole('button', { name: 'Home' })).toBeFocused()
  await crm.keyboard.press('Tab')
  await crm.keyboard.press('Enter')
  await expect(crm.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible()
})

test('the app menu drives the same commands', async ({ crm }) => {
  const push = (id: string) => crm.evaluate((cmd) => (window as unknown as { __crmPush(n: string, p: unknown): void }).__crmPush('menu.command', { id: cmd }), id)
  await push('go.cases')
  await expect(crm.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible()
  await push('case.new')
  await expect(crm.getByRole('dialog', { name: 'New case' })).toBeVisible()
  // A menu command cannot replace an open form.
  await push('account.new')
  await expect(crm.getByRole('dialog', { name: 'New case' })).toBeVisible()
})

test('the sync indicator opens the sync panel; connect errors are shown', async ({ crm }) => {
  await crm.getByRole('button', { name: /^Sync: / }).click()
  const panel = crm.getByRole('dialog', { name: 'Sync' })
  await expect(panel.getByRole('region', { name: 'Sync status' })).toBeVisible()
  await expect(panel.getByRole('region', { name: 'Sync issues' })).toBeVisible()
  await panel.getByLabel('Server address').fill('https://crm.example.com')
  await panel.getByLabel('Personal access token').fill('wrong-token')
  await panel.getByRole('button', { name: 'Connect' }).click()
  await expect(panel.getByText('A personal access token starts with bcrm_pat_')).toBeVisible()
})

test('deleting an account with cases says what goes with it and asks first', async ({ crm, app }) => {
  const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
  const c1 = ok(await app.api.cases.create({ name: 'Broken pump', status: 'New', priority: 'Low', account_id: acme.id }))
  ok(await app.api.cases.create({ name: 'Late invoice', status: 'New', priority: 'Low', account_id: acme.id }))
  ok(await app.api.comments.add({ parent: { type: 'case', id: c1.id }, body: 'Called them' }))
  const ann = ok(await app.api.contacts.create({ first_name: 'Ann', last_name: 'Lee', account_id: acme.id }))
  await crm.clock.install()
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Acme' }).click()

  // Cancel keeps everything.
  await crm.getByRole('button', { name: 'Delete' }).click()
  const ask = crm.getByRole('dialog', { name: 'Delete “Acme”?' })
  await expect(ask.getByText('2 cases are deleted, with 1 comment on them')).toBeVisible()
  await expect(ask.getByText('1 contact is kept, no longer linked to the account')).toBeVisible()
  await ask.getByRole('button', { name: 'Cancel' }).click()
  await expect(ask).toBeHidden()
  await expect(crm.getByRole('heading', { level: 1, name: 'Acme' })).toBeVisible()
  await crm.clock.fastForward(10_000)
  expect(ok(await app.api.cases.list({ state: 'all' })).total).toBe(2)

  // Confirmed: the toast says what went; after it, the cases are gone and the contact stays.
  await crm.getByRole('button', { name: 'Delete' }).click()
  await ask.getByRole('button', { name: 'Delete account and 2 cases' }).click()
  await expect(crm.getByRole('status').filter({ hasText: 'Account “Acme” deleted with 2 cases' })).toBeVisible()
  await crm.clock.fastForward(10_000)
  await expect.poll(async () => ok(await app.api.cases.list({ state: 'all' })).total).toBe(0)
  expect(ok(await app.api.contacts.get({ id: ann.id })).contact.account_id).toBeNull()
})
