import type { Dispatch } from '../../src/main/ipc/dispatch'
import { ok, type TempApp } from '../support/temp-app'
import { expect, test } from './fixtures'

// A save or a comment whose call fails outright or never answers: the form
// comes back with a clear error and everything typed, and closing a form with
// changes asks before throwing them away.

/** Makes the page's calls on `channel` hang (never answer) or reject, until the returned function is called. */
function breakChannel(app: TempApp, channel: string, how: 'hang' | 'reject'): () => void {
  const real = app.dispatch
  app.dispatch = ((ch, input) => {
    if (ch !== channel) return real(ch, input)
    if (how === 'reject') throw new Error('the bridge broke')
    return new Promise(() => {})
  }) as Dispatch
  return () => {
    app.dispatch = real
  }
}

test('a save that never answers times out with an error and keeps what was typed', async ({ crm, app }) => {
  const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
  await crm.clock.install()
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Acme' }).click()
  await crm.getByRole('button', { name: 'Edit' }).click()
  const form = crm.getByRole('dialog', { name: 'Edit account' })
  await form.getByLabel('City').fill('Lyon')

  const repair = breakChannel(app, 'accounts.update', 'hang')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form.getByRole('button', { name: 'Saving…' })).toBeDisabled()
  await crm.clock.fastForward(16_000)
  await expect(form.getByText(/did not answer within 15 seconds/)).toBeVisible()
  await expect(form.getByLabel('City')).toHaveValue('Lyon')

  repair()
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form).toBeHidden()
  expect(ok(await app.api.accounts.get({ id: acme.id })).account.city).toBe('Lyon')
})

test('a save whose call fails outright says so and keeps what was typed', async ({ crm, app }) => {
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('button', { name: 'New account' }).click()
  const form = crm.getByRole('dialog', { name: 'New account' })
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Globex')
  const repair = breakChannel(app, 'accounts.create', 'reject')
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(form.getByText(/The save failed .*What you typed is kept/)).toBeVisible()
  await expect(form.getByRole('button', { name: 'Create account' })).toBeEnabled()
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Globex')
  repair()
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Globex' })).toBeVisible()
})

test('a comment that never answers unlocks the box with an error, the text kept', async ({ crm, app }) => {
  const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
  await crm.clock.install()
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Acme' }).click()
  const box = crm.getByRole('textbox', { name: 'New comment' })
  await box.fill('Call back on Monday')
  const repair = breakChannel(app, 'comments.add', 'hang')
  await box.press('Control+Enter')
  await expect(crm.getByRole('button', { name: 'Adding…' })).toBeDisabled()
  await crm.clock.fastForward(16_000)
  await expect(crm.getByText(/did not answer within 15 seconds/)).toBeVisible()
  await expect(box).toHaveValue('Call back on Monday')
  repair()
  await crm.getByRole('button', { name: 'Add comment' }).click()
  await expect(crm.getByRole('list', { name: 'Activity' }).getByText('Call back on Monday')).toBeVisible()
  await expect(box).toHaveValue('')
  expect(ok(await app.api.accounts.get({ id: acme.id })).timeline).toHaveLength(1)
})

test('Escape or Cancel on an edited form asks before discarding; an untouched form just closes', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Acme' }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Acme' }).click()

  await crm.getByRole('button', { name: 'Edit' }).click()
  const form = crm.getByRole('dialog', { name: 'Edit account' })
  await expect(form.getByLabel('City')).toBeVisible()
  await crm.keyboard.press('Escape')
  await expect(form).toBeHidden()

  await crm.getByRole('button', { name: 'Edit' }).click()
  await form.getByLabel('City').fill('Lyon')
  await crm.keyboard.press('Escape')
  const ask = crm.getByRole('dialog', { name: 'Discard your changes?' })
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Keep editing' }).click()
  await expect(ask).toBeHidden()
  await expect(form.getByLabel('City')).toHaveValue('Lyon')

  await form.getByRole('button', { name: 'Cancel' }).click()
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Discard changes' }).click()
  await expect(form).toBeHidden()
  await expect(crm.getByRole('heading', { level: 1, name: 'Acme' })).toBeVisible()
})
