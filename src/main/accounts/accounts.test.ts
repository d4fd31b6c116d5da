import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { err, ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

let app: TempApp
beforeEach(async () => {
  app = await openTempApp()
})
afterEach(async () => {
  await app.close()
})

describe('accounts', () => {
  it('creates, reads, updates and deletes an account, recording each change in the outbox', async () => {
    const created = ok(await app.api.accounts.create({ name: 'Acme GmbH', industry: 'MANUFACTURING', city: 'Berlin', country: 'de' }))
    expect(created).toMatchObject({ name: 'Acme GmbH', industry: 'MANUFACTURING', city: 'Berlin', country: 'DE', is_active: true, version: 1 })

    const updated = ok(await app.api.accounts.update({ id: created.id, patch: { phone: '+49 30 1234567', city: 'Berlin' } }))
    expect(updated.phone).toBe('+49 30 1234567')
    expect(updated.version).toBe(2)

    const detail = ok(await app.api.accounts.get({ id: created.id }))
    expect(detail.account.name).toBe('Acme GmbH')

    ok(await app.api.accounts.delete({ id: created.id }))
    expect(err(await app.api.accounts.get({ id: created.id })).code).toBe('not_found')

    const outbox = await app.data.services.db.kysely.selectFrom('outbox').select(['op', 'fields']).orderBy('seq').execute()
    expect(outbox).toEqual([
      { op: 'create', fields: '[]' },
      { op: 'update', fields: '["phone"]' },
      { op: 'delete', fields: '[]' },
    ])
  })

  it('refuses a second account with the same name in another case', async () => {
    ok(await app.api.accounts.create({ name: 'Ärzte Nord' }))
    const e = err(await app.api.accounts.create({ name: 'ÄRZTE NORD' }))
    expect(e.code).toBe('conflict')
    expect(e.fields?.name?.[0]).toMatch(/already exists/)
    expect(ok(await app.api.accounts.list({})).total).toBe(1)
  })
})
