import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

// Issue 18: internal notes on cases, email from an account, @mentions.

test('internal note: added from the case box, shown apart, made public again', async ({ crm, app }) => {
  const kase = ok(await app.api.cases.create({ name: 'Leaking valve', status: 'New', priority: 'Normal' }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click()
  await crm.getByRole('row', { name: 'Leaking valve' }).click()

  const box = crm.getByRole('textbox', { name: 'New comment' })
  await box.fill('Replaced the seal, customer informed.')
  await box.press('Control+Enter')
  await crm.getByRole('checkbox', { name: 'Internal note' }).check()
  await box.fill('Customer threatens to cancel; keep an eye on it.')
  await crm.getByRole('button', { name: 'Add internal note' }).click()

  const notes = crm.getByRole('list', { name: 'Internal notes' })
  const activity = crm.getByRole('list', { name: 'Activity' })
  await expect(notes.getByText('Customer threatens to cancel')).toBeVisible()
  await expect(activity.getByText('Customer threatens to cancel')).toHaveCount(0)
  await expect(activity.getByText('Replaced the seal')).toBeVisible()
  const stored = ok(await app.api.cases.get({ id: kase.id })).timeline.map((t) => (t.kind === 'comment' ? [t.comment.body, t.comment.is_internal] : null))
  expect(stored.sort()).toEqual([['Customer threatens to cancel; keep an eye on it.', true], ['Replaced the seal, customer informed.', false]])

  await notes.getByRole('button', { name: 'Make public' }).click()
  await expect(notes).toHaveCount(0)
  await expect(activity.getByText('Customer threatens to cancel')).toBeVisible()
})
