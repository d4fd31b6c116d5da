import { ok } from '../support/temp-app'
import { expect, SURVEY, test } from './fixtures'

// Comments and attachments on a record's timeline.

test('comment: add, edit and delete in place', async ({ crm, app }) => {
  const account = ok(await app.api.accounts.create({ name: 'Umbrella' }))
  await crm.clock.install()
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Umbrella' }).click()

  const box = crm.getByRole('textbox', { name: 'New comment' })
  await crm.getByRole('button', { name: 'Add comment' }).click()
  await expect(crm.getByText('Comment is required')).toBeVisible()
  await box.fill('Met the buyer at the trade fair.')
  await box.press('Control+Enter')
  const activity = crm.getByRole('list', { name: 'Activity' })
  await expect(activity.getByText('Met the buyer at the trade fair.')).toBeVisible()
  await expect(box).toHaveValue('')

  await activity.getByRole('button', { name: 'Edit comment' }).click()
  await crm.getByRole('textbox', { name: 'Edit comment' }).fill('Met the buyer and the CFO at the trade fair.')
  await crm.getByRole('button', { name: 'Save comment' }).click()
  await expect(activity.getByText('Met the buyer and the CFO at the trade fair.')).toBeVisible()
  const [entry] = ok(await app.api.accounts.get({ id: account.id })).timeline
  expect(entry?.kind === 'comment' && entry.comment.body).toBe('Met the buyer and the CFO at the trade fair.')

  // Delete, undo: still there. Delete again and let the toast expire: gone for real.
  await activity.getByRole('button', { name: 'Delete comment' }).click()
  await expect(activity).toBeHidden()
  await crm.getByRole('button', { name: 'Undo' }).click()
  await expect(activity.getByText('Met the buyer and the CFO')).toBeVisible()
  await crm.clock.fastForward(10_000)
  expect(ok(await app.api.accounts.get({ id: account.id })).timeline).toHaveLength(1)

  await activity.getByRole('button', { name: 'Delete comment' }).click()
  await expect(crm.getByRole('status').filter({ hasText: 'Comment deleted' })).toBeVisible()
  expect(ok(await app.api.accounts.get({ id: account.id })).timeline).toHaveLength(1)
  await crm.clock.fastForward(10_000)
  await expect.poll(async () => ok(await app.api.accounts.get({ id: account.id })).timeline.length).toBe(0)
  await expect(crm.getByText('No activity yet')).toBeVisible()
})

test('attach by picker: name, size, type; open, reveal, delete with confirmation', async ({ crm, app }) => {
  const kase = ok(await app.api.cases.create({ name: 'Broken hinge', status: 'New', priority: 'Normal' }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click()
  await crm.getByRole('row', { name: 'Broken hinge' }).click()
  await crm.getByRole('button', { name: 'Attach files…' }).click()
  const item = crm.getByRole('listitem', { name: 'Attachment site-survey.txt' })
  await expect(item).toBeVisible()
  await expect(item.getByText('53 B')).toBeVisible()
  await expect(item.getByText('Text file')).toBeVisible()

  await item.getByRole('button', { name: 'Open site-survey.txt' }).click()
  await expect.poll(() => app.desktop.opened.length).toBe(1)
  expect(app.desktop.opened[0]).toMatch(/site-survey\.txt$/)
  // Its program gets a read-only copy, and the user is told that changes there are not kept.
  await expect(crm.getByText(/Opened a read-only copy of “site-survey\.txt”: changes made there are not saved in Field CRM/)).toBeVisible()
  await item.getByRole('button', { name: 'Show site-survey.txt in folder' }).click()
  await expect.poll(() => app.desktop.revealed.length).toBe(1)

  await item.getByRole('button', { name: 'Delete site-survey.txt' }).click()
  const confirm = crm.getByRole('dialog', { name: 'Delete attachment?' })
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(item).toBeVisible()
  await item.getByRole('button', { name: 'Delete site-survey.txt' }).click()
  await confirm.getByRole('button', { name: 'Delete attachment' }).click()
  await expect(item).toBeHidden()
  expect(ok(await app.api.cases.get({ id: kase.id })).timeline.filter((e) => e.kind !== 'status')).toEqual([])
})

test('attach by drag and drop; a file without a path on disk is refused clearly', async ({ crm, app }) => {
  const contact = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Byron' }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click()
  await crm.getByRole('row', { name: 'Ada Byron' }).click()
  const timeline = crm.getByRole('region', { name: 'Timeline of Ada Byron' })

  const drop = async (name: string) => {
    const data = await crm.evaluateHandle((fileName) => {
      const dt = new DataTransfer()
      dt.items.add(new File(['hello'], fileName, { type: 'text/plain' }))
      return dt
    }, name)
    await timeline.dispatchEvent('dragover', { dataTransfer: data })
    await timeline.dispatchEvent('drop', { dataTransfer: data })
  }

  await drop('pasted.txt')
  await expect(crm.getByRole('alert').filter({ hasText: 'its location on disk is unknown' })).toBeVisible()

  // In the app, Electron's webUtils gives the dropped file's path.
  await crm.evaluate((path) => ((window as unknown as { __dropPaths: Record<string, string> }).__dropPaths['site-survey.txt'] = path), SURVEY)
  await drop('site-survey.txt')
  await expect(timeline.getByRole('listitem', { name: 'Attachment site-survey.txt' })).toBeVisible()
  const [entry] = ok(await app.api.contacts.get({ id: contact.id })).timeline
  expect(entry?.kind === 'attachment' && entry.attachment.size).toBe(53)
})

test('a file that can run code (.desktop) opens only after a warning naming it; cancelling opens nothing', async ({ crm, app }) => {
  const account = ok(await app.api.accounts.create({ name: 'Launchers' }))
  const a = ok(await app.api.attachments.add({ parent: { type: 'account', id: account.id }, source_path: app.chose(SURVEY), file_name: 'launcher.desktop' }))
  // As a row from an older version or a restored backup could hold it: a right-to-left override in the name.
  app.data.services.db.sqlite.prepare('UPDATE attachments SET file_name = ? WHERE id = ?').run('Invoice\u202Egpj.desktop', a.id)
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Launchers' }).click()

  const item = crm.getByRole('listitem', { name: 'Attachment Invoicegpj.desktop' })
  await expect(item).toBeVisible()
  expect(await item.textContent()).not.toContain('\u202E')
  await item.getByRole('button', { name: 'Open Invoicegpj.desktop' }).click()
  const warning = crm.getByRole('dialog', { name: 'Open a file that can run programs?' })
  await expect(warning).toContainText('“Invoicegpj.desktop” is a .desktop file: opening it can run code on this computer')
  await warning.getByRole('button', { name: 'Cancel' }).click()
  await expect(warning).toBeHidden()
  // Give a wrongly sent open the time to arrive before saying none did.
  await crm.waitForTimeout(300)
  expect(app.desktop.opened).toEqual([])

  await item.getByRole('button', { name: 'Open Invoicegpj.desktop' }).click()
  await warning.getByRole('button', { name: 'Open anyway' }).click()
  await expect.poll(() => app.desktop.opened.length).toBe(1)
  expect(app.desktop.opened[0]).toMatch(/Invoice_gpj\.desktop$/)
})
