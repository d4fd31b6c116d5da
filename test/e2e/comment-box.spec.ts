import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

// The comment box: how many characters are left near the server's 255, and a box that grows with its text.

test('counts the characters left near the limit, says clearly when past it, and the box grows up to a limit', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Umbrella' }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Umbrella' }).click()
  const box = crm.getByRole('textbox', { name: 'New comment' })
  const height = async () => (await box.boundingBox())!.height

  const empty = await height()
  await box.fill('A short note.')
  await expect(crm.getByText(/characters? (left|too many)/)).toHaveCount(0)

  await box.fill('x'.repeat(250))
  await expect(crm.getByText('5 characters left')).toBeVisible()
  await expect(box).toHaveAccessibleDescription(/5 characters left/)
  await box.fill('x'.repeat(255))
  await expect(crm.getByText('0 characters left')).toBeVisible()
  await box.fill('x'.repeat(258))
  const over = crm.getByText('3 characters too many')
  await expect(over).toBeVisible()
  await expect(over).toHaveClass(/is-over/)
  // Refused on Add, the text kept.
  await crm.getByRole('button', { name: 'Add comment' }).click()
  await expect(crm.getByRole('alert').filter({ hasText: 'At most 255 characters' })).toBeVisible()
  await expect(box).toHaveValue('x'.repeat(258))

  // Grows with its lines, then stops and scrolls.
  await box.fill('line\n'.repeat(6))
  const six = await height()
  expect(six).toBeGreaterThan(empty * 1.8)
  await box.fill('line\n'.repeat(40))
  const forty = await height()
  expect(forty).toBeGreaterThan(six)
  expect(forty).toBeLessThan(360)
  expect(await box.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true)
})
