import type { Page } from '@playwright/test'
import { ok } from '../support/temp-app'
import { expect, MOD, test } from './fixtures'

// A case's status changed in one step, from its detail or the palette, and its history in the timeline.

async function openCase(crm: Page, name: string) {
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click()
  await crm.getByRole('row', { name }).click()
  await expect(crm.getByRole('heading', { level: 1, name })).toBeVisible()
}

async function paletteCommand(crm: Page, text: string) {
  await crm.keyboard.press(`${MOD}+K`)
  const input = crm.getByRole('combobox', { name: 'Search records or run a command' })
  await input.fill(text)
  await input.press('Enter')
}

test('quick status: close and reopen from the detail; each change is in the timeline with who and when', async ({ crm, app }) => {
  const kase = ok(await app.api.cases.create({ name: 'Broken hinge', status: 'New', priority: 'Normal' }))
  const me = ok(await app.api.lookups.get()).me.name
  await openCase(crm, 'Broken hinge')
  const status = crm.getByRole('combobox', { name: 'Status' })
  await expect(status).toHaveValue('New')
  const activity = crm.getByRole('list', { name: 'Activity' })
  await expect(activity.getByRole('listitem', { name: `${me} created the case as New` })).toBeVisible()

  await status.selectOption('Closed')
  await expect(activity.getByRole('listitem', { name: `${me} changed status New → Closed` })).toBeVisible()
  await expect(status).toHaveValue('Closed')
  const closed = ok(await app.api.cases.get({ id: kase.id })).case
  expect(closed.status).toBe('Closed')
  // Closed today (this computer's calendar), shown in the details.
  expect(closed.closed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  await expect(crm.getByRole('region', { name: 'Details' }).getByText('Closed on')).toBeVisible()

  await status.selectOption('Assigned')
  await expect(activity.getByRole('listitem', { name: `${me} changed status Closed → Assigned` })).toBeVisible()
  // Reopened: the closing date is gone (src/main/cases/reopen.ts).
  expect(ok(await app.api.cases.get({ id: kase.id })).case.closed_on).toBeNull()
  await expect(crm.getByRole('region', { name: 'Details' }).getByText('Closed on')).toBeHidden()
  // The entry says when, as a date and time.
  await expect(activity.getByRole('listitem', { name: `${me} changed status Closed → Assigned` }).locator('time')).toHaveText(/\d{1,2}:\d{2}/)
})

test('palette: "Change case status…" puts the keyboard on the status control; "Close case" closes the case on screen', async ({ crm, app }) => {
  const kase = ok(await app.api.cases.create({ name: 'Leaking valve', status: 'Pending', priority: 'High' }))
  await openCase(crm, 'Leaking valve')
  await paletteCommand(crm, 'Change case status')
  const status = crm.getByRole('combobox', { name: 'Status' })
  await expect(status).toBeFocused()

  await paletteCommand(crm, 'Close case')
  await expect(status).toHaveValue('Closed')
  await expect(crm.getByRole('list', { name: 'Activity' }).getByRole('listitem', { name: /changed status Pending → Closed/ })).toBeVisible()
  expect(ok(await app.api.cases.get({ id: kase.id })).case.status).toBe('Closed')
})

test('with the keyboard, arrowing through the statuses saves only the one it stops on', async ({ crm, app }) => {
  const kase = ok(await app.api.cases.create({ name: 'Gate sensor', status: 'New', priority: 'Low' }))
  await openCase(crm, 'Gate sensor')
  await paletteCommand(crm, 'Change case status')
  const status = crm.getByRole('combobox', { name: 'Status' })
  await expect(status).toBeFocused()
  await crm.keyboard.press('ArrowDown')
  await crm.keyboard.press('ArrowDown')
  await expect(status).toHaveValue('Pending')
  const activity = crm.getByRole('list', { name: 'Activity' })
  await expect(activity.getByRole('listitem', { name: /changed status New → Pending/ })).toBeVisible()
  await expect(activity.getByRole('listitem', { name: /changed status/ })).toHaveCount(1)
  expect(ok(await app.api.cases.get({ id: kase.id })).case.status).toBe('Pending')
  // Enter saves at once.
  await status.focus()
  await crm.keyboard.press('ArrowUp')
  await crm.keyboard.press('Enter')
  await expect(activity.getByRole('listitem', { name: /changed status Pending → Assigned/ })).toBeVisible()
})

test('the case commands are not offered away from a case', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Umbrella' }))
  await crm.keyboard.press(`${MOD}+K`)
  await crm.keyboard.type('Close case')
  await expect(crm.getByRole('option', { name: /Close case/ })).toHaveCount(0)
})
