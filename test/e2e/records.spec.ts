import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

// Creating and editing records through the forms, with the main process's
// rules shown inline and nothing typed lost on a failed save.

test('create an account: inline errors from the shared rules and from the main process', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Acme Corp' }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('button', { name: 'New account' }).click()
  const form = crm.getByRole('dialog', { name: 'New account' })

  // Nothing typed: the shared schema says the name is required.
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(form.getByText('Name is required')).toBeVisible()

  // A bad email and a name that already exists (only the main process knows that).
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('ACME corp')
  await form.getByLabel('Email').fill('not-an-email')
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(form.getByText('Not a valid email address')).toBeVisible()
  await form.getByLabel('Email').fill('sales@acme.example')
  await form.getByLabel('City').fill('Lyon')
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(form.getByText('An account named "ACME corp" already exists')).toBeVisible()
  // The failed save kept everything typed.
  await expect(form.getByLabel('Email')).toHaveValue('sales@acme.example')
  await expect(form.getByLabel('City')).toHaveValue('Lyon')

  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Acme Lyon')
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(form).toBeHidden()
  await expect(crm.getByRole('heading', { level: 1, name: 'Acme Lyon' })).toBeVisible()
  const stored = ok(await app.api.accounts.list({ name: 'Acme Lyon' })).items
  expect(stored.map((a) => [a.name, a.email, a.city])).toEqual([['Acme Lyon', 'sales@acme.example', 'Lyon']])
})

test('add a contact from an account and edit it', async ({ crm, app }) => {
  const account = ok(await app.api.accounts.create({ name: 'Globex' }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Globex' }).click()
  await crm.getByRole('button', { name: 'Add contact' }).click()
  const form = crm.getByRole('dialog', { name: 'New contact' })
  await expect(form.getByRole('combobox', { name: 'Account' })).toHaveValue('Globex')
  await form.getByLabel('First name').fill('Hank')
  await form.getByLabel('Last name').fill('Scorpio')
  await form.getByLabel('Email').fill('hank@globex.example')
  await form.getByRole('button', { name: 'Create contact' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Hank Scorpio' })).toBeVisible()
  await expect(crm.getByRole('button', { name: 'Globex' })).toBeVisible()

  await crm.getByRole('button', { name: 'Edit' }).click()
  const edit = crm.getByRole('dialog', { name: 'Edit contact' })
  await edit.getByLabel('Job title').fill('Chief Executive')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeHidden()
  await expect(crm.getByText('Chief Executive').first()).toBeVisible()
  const detail = ok(await app.api.accounts.get({ id: account.id }))
  expect(detail.contacts.map((c) => [c.first_name, c.title])).toEqual([['Hank', 'Chief Executive']])
})

test('open a case; closing it without a closing date is refused inline', async ({ crm, app }) => {
  const account = ok(await app.api.accounts.create({ name: 'Initech' }))
  ok(await app.api.contacts.create({ first_name: 'Peter', last_name: 'Gibbons', account_id: account.id }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click()
  await crm.getByRole('button', { name: 'New case' }).click()
  const form = crm.getByRole('dialog', { name: 'New case' })
  await form.getByLabel('Subject').fill('TPS report cover sheets missing')
  await form.getByLabel('Priority').selectOption('High')
  await form.getByRole('combobox', { name: 'Account' }).fill('initech')
  await form.getByRole('option', { name: 'Initech' }).click()
  await form.getByRole('checkbox', { name: 'Peter Gibbons' }).check()
  await form.getByLabel('Status').selectOption('Closed')
  await form.getByRole('button', { name: 'Create case' }).click()
  await expect(form.getByText('Closing a case needs its closing date')).toBeVisible()
  await expect(form.getByLabel('Closed on')).toBeFocused()
  expect(ok(await app.api.cases.list({ state: 'all' })).total).toBe(0)

  await form.getByLabel('Closed on').fill('2026-11-20')
  await form.getByRole('button', { name: 'Create case' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'TPS report cover sheets missing' })).toBeVisible()
  const details = crm.getByRole('region', { name: 'Details' })
  await expect(details.getByText('High')).toBeVisible()
  await expect(details.getByRole('button', { name: 'Initech' })).toBeVisible()
  await expect(crm.getByRole('region', { name: 'Contacts' }).getByRole('button', { name: /Peter Gibbons/ })).toBeVisible()

  // Reopen, then close again through an edit that clears the date: the main process refuses.
  await crm.getByRole('button', { name: 'Edit' }).click()
  const edit = crm.getByRole('dialog', { name: 'Edit case' })
  await edit.getByLabel('Closed on').fill('')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit.getByText('Closing a case needs its closing date')).toBeVisible()
})

test('a reopened case drops its closing date', async ({ crm, app }) => {
  const kase = ok(await app.api.cases.create({ name: 'Leaking valve', status: 'Closed', priority: 'Normal', closed_on: '2026-11-20' }))
  const details = crm.getByRole('region', { name: 'Details' })
  await crm.keyboard.press('Control+K')
  await crm.keyboard.type('Leaking valve')
  await crm.getByRole('option', { name: /Leaking valve/ }).first().click()
  await expect(details.getByText('Closed on')).toBeVisible()

  await crm.getByRole('button', { name: 'Edit' }).click()
  const edit = crm.getByRole('dialog', { name: 'Edit case' })
  await edit.getByLabel('Status').selectOption('New')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeHidden()
  await expect(details.getByText('New', { exact: true })).toBeVisible()
  await expect(details.getByText('Closed on')).toHaveCount(0)
  expect(ok(await app.api.cases.get({ id: kase.id })).case.closed_on).toBeNull()
})

test('the account form reads what people type: "1,200" employees, a bare domain, a phone extension', async ({ crm, app }) => {
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('button', { name: 'New account' }).click()
  const form = crm.getByRole('dialog', { name: 'New account' })
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Brightwater')
  await form.getByLabel('Employees').fill('about 50')
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(form.getByText('A whole number from 0 to 100,000,000, such as 1200')).toBeVisible()

  await form.getByLabel('Employees').fill('1,200')
  await form.getByLabel('Website').fill('brightwater.example')
  await form.getByLabel('Phone').fill('+1 555 123 4567 ext. 89')
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Brightwater' })).toBeVisible()
  const [stored] = ok(await app.api.accounts.list({ name: 'Brightwater' })).items
  const account = ok(await app.api.accounts.get({ id: stored!.id })).account
  expect([account.number_of_employees, account.website, account.phone]).toEqual([1200, 'https://brightwater.example', '+1 555 123 4567-89'])
})
