import { attachSync } from '../../src/main/sync/registry'
import { fakeSecretBox } from '../fake-crm/secret-box'
import { startFakeCrm } from '../fake-crm/server'
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
  const stored = ok(await app.api.cases.get({ id: kase.id })).timeline.flatMap((t) => (t.kind === 'comment' ? [[t.comment.body, t.comment.is_internal]] : []))
  expect(stored.sort()).toEqual([['Customer threatens to cancel; keep an eye on it.', true], ['Replaced the seal, customer informed.', false]])

  await notes.getByRole('button', { name: 'Make public' }).click()
  await expect(notes).toHaveCount(0)
  await expect(activity.getByText('Customer threatens to cancel')).toBeVisible()
})

test('email: written and scheduled offline, synced, shown as scheduled', async ({ crm, app }) => {
  const fake = await startFakeCrm()
  const engine = attachSync(app.data.services, {
    secretBox: fakeSecretBox(true),
    tuning: { concurrency: 2, tries: 3, baseDelayMs: 1, maxDelayMs: 10 },
    timeoutMs: 5_000,
    // As the app's main process does: the page hears of the sync's status and of changed data.
    onStatus: (s) => void crm.evaluate((status) => (window as unknown as { __crmPush(n: string, p: unknown): void }).__crmPush('sync.status', status), s).catch(() => {}),
    onDataChanged: (entities) => void crm.evaluate((e) => (window as unknown as { __crmPush(n: string, p: unknown): void }).__crmPush('data.changed', { entities: e }), entities).catch(() => {}),
  })
  try {
    const account = ok(await app.api.accounts.create({ name: 'Initech' }))
    ok(await app.api.contacts.create({ first_name: 'Peter', last_name: 'Gibbons', email: 'peter@initech.test', account_id: account.id }))
    await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
    await crm.getByRole('row', { name: 'Initech' }).click()
    await crm.getByRole('button', { name: 'Email…' }).click()

    const dialog = crm.getByRole('dialog', { name: 'New email' })
    // No server yet: the mail program is offered, with what that means.
    await expect(dialog.getByText(/No server is connected/)).toBeVisible()
    await expect(dialog.getByText(/not recorded on the server/)).toBeVisible()
    await dialog.getByRole('textbox', { name: 'From' }).fill('me@field.test')
    await dialog.getByRole('checkbox', { name: /Peter Gibbons/ }).check()
    await dialog.getByRole('textbox', { name: 'Subject' }).fill('TPS reports')
    await dialog.getByRole('textbox', { name: 'Message' }).fill('Please review the ')
    await dialog.getByRole('button', { name: 'Bold' }).click()
    await dialog.getByRole('radio', { name: 'Schedule' }).check()
    // A time in the past is refused, and nothing typed is lost.
    await dialog.getByLabel('Scheduled time').fill('2020-01-01T09:30')
    await dialog.getByRole('button', { name: 'Schedule email' }).click()
    await expect(dialog.getByText('Pick a time in the future')).toBeVisible()
    await expect(dialog.getByRole('textbox', { name: 'Subject' })).toHaveValue('TPS reports')
    const tomorrow = new Date(Date.now() + 24 * 3_600_000)
    const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}T09:30`
    await dialog.getByLabel('Scheduled time').fill(local)
    await dialog.getByRole('button', { name: 'Schedule email' }).click()
    await expect(dialog).toBeHidden()

    const email = crm.getByRole('listitem', { name: 'Email TPS reports' })
    await expect(email.getByText('Queued')).toBeVisible()
    await expect(email.getByText('Please review the bold text')).toBeVisible()

    // Connect and sync: create_mail gets it once, scheduled in UTC with the zone as a label.
    ok(await app.api.sync.connectToken({ serverUrl: fake.url, token: fake.pat }))
    await crm.getByRole('button', { name: /^Sync: / }).click()
    await crm.getByRole('dialog', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(() => fake.data.mail.rows.length).toBe(1)
    await crm.keyboard.press('Escape')
    await expect(email.getByText(/^Scheduled for /)).toBeVisible()
    expect(fake.data.mail.rows[0]).toMatchObject({ scheduled_later: true, scheduled_date_time: new Date(local).toISOString(), message_subject: 'TPS reports' })
    expect(fake.data.mail.rows[0]!['message_body']).toContain('<strong>bold text</strong>')
  } finally {
    await engine.stop()
    await fake.close()
  }
})

test('@mention: typing @ offers the users, Enter inserts the handle; a mention of me shows on Home', async ({ crm, app }) => {
  const sqlite = app.data.services.db.sqlite
  const now = new Date().toISOString()
  const addUser = sqlite.prepare("INSERT INTO users (id, name, email, role, is_me, is_active, created_at, updated_at) VALUES (?, ?, ?, 'USER', 0, 1, ?, ?)")
  addUser.run('6f1c2b4e-0000-4000-8000-000000000001', 'Jane Doe', 'jane.doe@acme.test', now, now)
  addUser.run('6f1c2b4e-0000-4000-8000-000000000002', 'Jack Smith', 'jack@acme.test', now, now)
  sqlite.prepare("UPDATE users SET email = 'me.field@acme.test', name = 'Me Field' WHERE is_me = 1").run()
  const account = ok(await app.api.accounts.create({ name: 'Globex' }))
  // Someone else's comment that mentions me.
  const theirs = ok(await app.api.comments.add({ parent: { type: 'account', id: account.id }, body: 'Can @me.field visit them on Monday?' }))
  sqlite.prepare('UPDATE comments SET author_id = ? WHERE id = ?').run('6f1c2b4e-0000-4000-8000-000000000001', theirs.id)
  await crm.reload()

  const mentionsCard = crm.getByRole('region', { name: /Mentions of you/ })
  await expect(mentionsCard.getByText('Globex')).toBeVisible()
  await expect(mentionsCard.locator('mark.mention.is-me')).toHaveText('@me.field')
  await mentionsCard.getByRole('button', { name: /Globex/ }).click()

  const box = crm.getByRole('textbox', { name: 'New comment' })
  await box.pressSequentially('Escalate to @j')
  const list = crm.getByRole('listbox', { name: 'Mention someone' })
  await expect(list.getByRole('option')).toHaveText(['Jack Smith @jack', 'Jane Doe @jane.doe'])
  await box.press('ArrowDown')
  await expect(list.getByRole('option', { name: 'Jane Doe @jane.doe' })).toHaveAttribute('aria-selected', 'true')
  await box.press('Enter')
  await expect(box).toHaveValue('Escalate to @jane.doe ')
  await expect(list).toBeHidden()
  // Escape closes only the list.
  await box.pressSequentially('and @')
  await expect(list).toBeVisible()
  await box.press('Escape')
  await expect(list).toBeHidden()
  await expect(crm.getByRole('heading', { name: 'Globex', level: 1 })).toBeVisible()
  await box.pressSequentially('team')
  await box.press('Control+Enter')

  const entry = crm.getByRole('list', { name: 'Activity' }).getByRole('listitem').filter({ hasText: 'Escalate to' })
  await expect(entry.locator('mark.mention')).toHaveText('@jane.doe')
  const stored = ok(await app.api.accounts.get({ id: account.id })).timeline.flatMap((t) => (t.kind === 'comment' ? [t.comment.body] : []))
  expect(stored).toContain('Escalate to @jane.doe and @team')
})

test('email from a case: its contacts are ticked; a typed address goes only to the mail program', async ({ crm, app }) => {
  const account = ok(await app.api.accounts.create({ name: 'Hooli' }))
  const gavin = ok(await app.api.contacts.create({ first_name: 'Gavin', last_name: 'Belson', email: 'gavin@hooli.test', account_id: account.id }))
  ok(await app.api.contacts.create({ first_name: 'Big', last_name: 'Head', email: 'big@hooli.test', account_id: account.id }))
  ok(await app.api.cases.create({ name: 'Box outage', status: 'New', priority: 'High', account_id: account.id, contact_ids: [gavin.id] }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click()
  await crm.getByRole('row', { name: /Box outage/ }).click()
  await crm.getByRole('button', { name: 'Email…' }).click()

  const dialog = crm.getByRole('dialog', { name: 'New email' })
  await expect(dialog.getByText('From the account Hooli')).toBeVisible()
  await expect(dialog.getByRole('checkbox', { name: /Gavin Belson/ })).toBeChecked()
  await expect(dialog.getByRole('checkbox', { name: /Big Head/ })).not.toBeChecked()
  await dialog.getByRole('textbox', { name: 'From' }).fill('me@field.test')
  await dialog.getByRole('textbox', { name: 'Subject' }).fill('Outage report')
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Service is back.')
  await dialog.getByRole('textbox', { name: 'Other addresses (mail program only)' }).fill('press@example.com')
  await dialog.getByRole('button', { name: 'Send email' }).click()
  await expect(dialog.getByText(/The server sends to contacts only/)).toBeVisible()
  const link = dialog.getByRole('link', { name: 'Open in your mail program' })
  await expect(link).toHaveAttribute('href', 'mailto:gavin%40hooli.test,press%40example.com?subject=Outage%20report&body=Service%20is%20back.')
  // Nothing was saved by the refused send.
  expect(ok(await app.api.accounts.get({ id: account.id })).timeline).toEqual([])
})
