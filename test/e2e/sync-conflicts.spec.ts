import { expect, test } from './fixtures'
import { ok, type TempApp } from '../support/temp-app'

// A conflict is what the sync engine records when a field changed here and on
// the server since the last sync; here one is recorded directly, as the engine
// would, and the user settles it in the sync panel.

function recordConflict(app: TempApp, accountId: string, local: string, server: string) {
  const id = `conflict-${accountId}`
  app.data.services.db.sqlite
    .prepare('INSERT INTO sync_conflicts (id, entity, record_id, fields, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(id, 'account', accountId, JSON.stringify([{ field: 'phone', local, server }]), new Date().toISOString())
}

test('a conflict shows both values; keeping the server value applies it', async ({ app, crm }) => {
  const account = ok(await app.api.accounts.create({ name: 'Contoso Pharma', phone: '+1 555 0100' }))
  recordConflict(app, account.id, '+1 555 0100', '+1 555 0199')

  await crm.getByRole('button', { name: /^Sync: / }).click()
  const panel = crm.getByRole('dialog', { name: 'Sync' })
  const conflict = panel.getByRole('listitem', { name: 'Conflict: Contoso Pharma' })
  await expect(conflict.getByRole('row', { name: /phone/i })).toContainText('+1 555 0100')
  await expect(conflict.getByRole('row', { name: /phone/i })).toContainText('+1 555 0199')

  await conflict.getByRole('button', { name: "Keep the server's" }).click()
  await expect(conflict).toHaveCount(0)
  expect(ok(await app.api.accounts.get({ id: account.id })).account.phone).toBe('+1 555 0199')
})

test('keeping my value leaves the record as it is and queues it for the server', async ({ app, crm }) => {
  const account = ok(await app.api.accounts.create({ name: 'Fabrikam Tools', phone: '+1 555 0100' }))
  recordConflict(app, account.id, '+1 555 0100', '+1 555 0199')
  const queued = () => app.data.services.db.sqlite.prepare("SELECT count(*) FROM outbox WHERE record_id = ? AND op = 'update'").pluck().get(account.id)
  const before = queued()

  await crm.getByRole('button', { name: /^Sync: / }).click()
  const conflict = crm.getByRole('dialog', { name: 'Sync' }).getByRole('listitem', { name: 'Conflict: Fabrikam Tools' })
  await conflict.getByRole('button', { name: 'Keep mine' }).click()
  await expect(conflict).toHaveCount(0)
  expect(ok(await app.api.accounts.get({ id: account.id })).account.phone).toBe('+1 555 0100')
  expect(queued()).toBe(Number(before) + 1)
})

test('a server record an earlier pull set aside is listed with its reason, from the database (as after a restart)', async ({ app, crm }) => {
  // As a pull before this start left it: no round has run in this session.
  app.data.services.db.sqlite
    .prepare('INSERT INTO sync_set_aside (entity, remote_id, scope, title, reason, seen_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run('case', '6f1c2b1e-0a9b-4c55-9d1e-2f3a4b5c6d7e', 'list:case', 'Hacked case', 'status: Invalid option', new Date().toISOString())
  await crm.getByRole('button', { name: /^Sync: / }).click()
  const item = crm.getByRole('dialog', { name: 'Sync' }).getByRole('listitem', { name: 'Set aside: Hacked case' })
  await expect(item).toContainText('case on the server, not taken in')
  await expect(item).toContainText('status: Invalid option')
})
