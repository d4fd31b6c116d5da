import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

// The palette ranks as people expect: a command named by what was typed
// first, then the exact name, names starting so, then other matches; and it
// says it is searching rather than "Nothing matches" before the answer.

test('a person named in many cases comes first; the exact account name comes before look-alikes', async ({ crm, app }) => {
  const anna = ok(await app.api.contacts.create({ first_name: 'Anna', last_name: 'Müller' }))
  for (let i = 0; i < 25; i++) ok(await app.api.cases.create({ name: `Visit ${i}`, status: 'New', priority: 'Low', description: 'Müller wants a callback' }))
  ok(await app.api.accounts.create({ name: 'Boreal Aurora Labs' }))
  for (const n of ['Boreal Aurora Labs North', 'Aurora Boreal Labs']) ok(await app.api.accounts.create({ name: n }))

  await crm.keyboard.press('Control+K')
  const input = crm.getByRole('combobox', { name: 'Search records or run a command' })
  const first = crm.getByRole('option').first()
  await input.fill('müller')
  await expect(first).toContainText('Anna Müller')
  await input.press('Enter')
  await expect(crm.getByRole('heading', { level: 1, name: 'Anna Müller' })).toBeVisible()
  expect(anna.id).toBeTruthy()

  await crm.keyboard.press('Control+K')
  await input.fill('Boreal Aurora Labs')
  await expect(first).toHaveText(/Account\s*Boreal Aurora Labs$/)
})

test('a command word runs the command, not a record that contains it', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Wide World Importers' }))
  await crm.keyboard.press('Control+K')
  const input = crm.getByRole('combobox', { name: 'Search records or run a command' })
  await input.fill('import')
  await expect(crm.getByRole('option', { name: /Wide World Importers/ })).toBeVisible()
  await expect(crm.getByRole('option').first()).toContainText('Import or export CSV')
  await input.press('Enter')
  await expect(crm.getByRole('dialog', { name: 'Import and export CSV' })).toBeVisible()
})

test('while the search runs the palette says so, not "Nothing matches"', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Zyxwv Partners' }))
  // The palette searches at every key; a slow search is stood in for by holding its answer back.
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  const dispatch = app.dispatch
  app.dispatch = async (channel, input) => {
    if (channel === 'search.query') await held
    return dispatch(channel, input)
  }
  await crm.keyboard.press('Control+K')
  const input = crm.getByRole('combobox', { name: 'Search records or run a command' })
  await input.fill('zyxwv')
  // Before the search answers there is no verdict yet.
  await expect(crm.getByText('Searching…')).toBeVisible()
  await expect(crm.getByText(/Nothing matches/)).toHaveCount(0)
  release()
  await expect(crm.getByRole('option', { name: /Zyxwv Partners/ })).toBeVisible()
})
