import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

// What a salesperson misses on day one: a list search that finds more than
// names, forms that assign teams and create tags, readable attachment types
// with a preview, and an import that remembers and updates.

test('the contacts search box finds a contact by email, organization, title or account name', async ({ crm, app }) => {
  const acme = ok(await app.api.accounts.create({ name: 'Acme Logistics' }))
  ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@analytical.example', title: 'Chief Engineer' }))
  ok(await app.api.contacts.create({ first_name: 'Grace', last_name: 'Hopper', organization: 'Müller Werkzeugbau', account_id: acme.id }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click()
  const search = crm.getByRole('searchbox', { name: 'Search contacts' })
  const body = crm.getByRole('grid', { name: 'Contacts' }).locator('.grid-body')
  await expect(body).toHaveAccessibleName('Contacts rows, 2 in all')
  for (const [term, name] of [['analytical', 'Ada Lovelace'], ['engineer', 'Ada Lovelace'], ['werkzeug', 'Grace Hopper'], ['logistics', 'Grace Hopper']] as const) {
    await search.fill(term)
    await expect(body, term).toHaveAccessibleName('Contacts rows, 1 in all')
    await expect(body.getByRole('row'), term).toHaveAccessibleName(name)
  }
})
