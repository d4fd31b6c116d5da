import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

// A new account or contact carries its city_key in its insert; left to the
// trigger of migrations/0004, each one with a city was updated again at once
// (its row and two indexes rewritten), which an import paid on every row.

let app: TempApp
const updates = () => (app.data.services.db.sqlite.prepare('SELECT count(*) AS n FROM temp.city_key_updates').get() as { n: number }).n

beforeAll(async () => {
  app = await openTempApp()
  const sqlite = app.data.services.db.sqlite
  sqlite.exec('CREATE TEMP TABLE city_key_updates (at INTEGER)')
  for (const table of ['accounts', 'contacts']) {
    sqlite.exec(`CREATE TEMP TRIGGER ${table}_city_key_updated AFTER UPDATE OF city_key ON main.${table} BEGIN INSERT INTO city_key_updates VALUES (1); END`)
  }
})

afterAll(async () => {
  await app.close()
})

describe('creating a record with a city', () => {
  it('writes its city_key with the insert, without a second update', async () => {
    const account = ok(await app.api.accounts.create({ name: 'Fjord Fisk AS', city: 'TROMSØ' }))
    ok(await app.api.contacts.create({ first_name: 'Ida', last_name: 'Berg', city: 'Ærøskøbing', account_id: account.id }))
    ok(await app.api.contacts.create({ first_name: 'No', last_name: 'City' }))
    expect(updates()).toBe(0)
    const keys = app.data.services.db.sqlite.prepare(`SELECT city_key FROM accounts UNION ALL SELECT city_key FROM contacts ORDER BY 1`).all()
    expect(keys).toEqual([{ city_key: null }, { city_key: 'tromsø' }, { city_key: 'ærøskøbing' }])
    // The trigger still keeps an edit right.
    ok(await app.api.accounts.update({ id: account.id, patch: { city: 'Bodø' } }))
    expect(ok(await app.api.accounts.list({ city: 'BODØ' })).total).toBe(1)
  })
})
