import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { inJsonList, prepare } from './prepared'

let app: TempApp
beforeAll(async () => {
  app = await openTempApp()
  for (const name of ['Alpha', 'Beta', 'Gamma']) ok(await app.api.accounts.create({ name, city: 'Oslo' }))
})
afterAll(async () => {
  await app.close()
})

const byName = prepare((db, v: { name: string; limit: number }) => db.selectFrom('accounts').select(['name', 'city']).where('name', '=', v.name).limit(v.limit))
const named = prepare((db, v: { names: string }) => db.selectFrom('accounts').select('name').where('name', 'in', inJsonList(v.names)).orderBy('name').limit(10))

describe('prepared queries', () => {
  it('compile once to SQL with placeholders, and bind each call its own values', async () => {
    const db = app.data.services.db.kysely
    expect(byName.sql).toBe('select "name", "city" from "accounts" where "name" = ? limit ?')
    expect(await byName.all(db, { name: 'Beta', limit: 5 })).toEqual([{ name: 'Beta', city: 'Oslo' }])
    expect(await byName.first(db, { name: 'Gamma', limit: 5 })).toEqual({ name: 'Gamma', city: 'Oslo' })
    expect(await byName.first(db, { name: 'Nobody', limit: 5 })).toBeUndefined()
    expect(await byName.all(db, { name: 'Alpha', limit: 0 })).toEqual([])
  })

  it('keep constants written into the query, and take a list of any length as JSON', async () => {
    const db = app.data.services.db.kysely
    expect(named.sql).toContain('json_each(?)')
    expect(named.sql).toContain('limit ?')
    expect((await named.all(db, { names: JSON.stringify(['Gamma', 'Alpha']) })).map((r) => r.name)).toEqual(['Alpha', 'Gamma'])
    expect(await named.all(db, { names: '[]' })).toEqual([])
  })

  it('run inside the transaction they are given, seeing its uncommitted rows', async () => {
    const db = app.data.services.db.kysely
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('accounts').set({ city: 'Bergen' }).where('name', '=', 'Alpha').execute()
        expect(await byName.first(trx, { name: 'Alpha', limit: 1 })).toEqual({ name: 'Alpha', city: 'Bergen' })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(await byName.first(db, { name: 'Alpha', limit: 1 })).toEqual({ name: 'Alpha', city: 'Oslo' })
  })
})
