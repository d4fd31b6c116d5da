import { ok } from '../support/temp-app'
import { expect, SURVEY, test } from './fixtures'

// The same file dropped twice on a record is one attachment, and the app says so.

test('dropping the same file again says "already attached" and adds nothing', async ({ crm, app }) => {
  const contact = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Byron' }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click()
  await crm.getByRole('row', { name: 'Ada Byron' }).click()
  const timeline = crm.getByRole('region', { name: 'Timeline of Ada Byron' })
  // In the app, Electron's webUtils gives the dropped file's path.
  await crm.evaluate((path) => ((window as unknown as { __dropPaths: Record<string, string> }).__dropPaths['site-survey.txt'] = path), SURVEY)
  const drop = async () => {
    const data = await crm.evaluateHandle(() => {
      const dt = new DataTransfer()
      dt.items.add(new File(['hello'], 'site-survey.txt', { type: 'text/plain' }))
      return dt
    })
    await timeline.dispatchEvent('dragover', { dataTransfer: data })
    await timeline.dispatchEvent('drop', { dataTransfer: data })
  }

  await drop()
  const item = timeline.getByRole('listitem', { name: 'Attachment site-survey.txt' })
  await expect(item).toBeVisible()
  await drop()
  await expect(crm.getByRole('status').filter({ hasText: '“site-survey.txt” is already attached here' })).toBeVisible()
  await expect(crm.getByRole('alert')).toHaveCount(0)
  await expect(item).toHaveCount(1)
  expect(ok(await app.api.contacts.get({ id: contact.id })).timeline).toHaveLength(1)
})
