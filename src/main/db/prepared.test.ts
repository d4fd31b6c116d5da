import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { holdingConnection } from './held-connection'
import { boundLimit, inJsonList, prepare } from './prepared'

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

  it('bind a limit as an expression, and still honour it', async () => {
    const limited = prepare((db, v: { limit: number }) => db.selectFrom('accounts').select('name').orderBy('name').limit(boundLimit(v.limit)))
    expect(limited.sql).toBe('select "name" from "accounts" order by "name" limit (? + 0)')
    const db = app.data.services.db.kysely
    expect((await limited.all(db, { limit: 2 })).map((r) => r.name)).toEqual(['Alpha', 'Beta'])
    expect((await limited.all(db, { limit: 1 })).map((r) => r.name)).toEqual(['Alpha'])
  })

  it('run on whichever connection holds them: a database opened again gets its own statement', async () => {
    const other = await openTempApp()
    try {
      ok(await other.api.accounts.create({ name: 'Beta', city: 'Tromsø' }))
      const read = (on: TempApp) => holdingConnection(on.data.services.db, (reads) => byName.first(reads, { name: 'Beta', limit: 1 }))
      expect(await read(app)).toEqual({ name: 'Beta', city: 'Oslo' })
      expect(await read(other)).toEqual({ name: 'Beta', city: 'Tromsø' })
      expect(await read(app)).toEqual({ name: 'Beta', city: 'Oslo' })
    } finally {
      await other.close()
    }
  })

  it('held, see one state of the data: a transaction started meanwhile waits until the hold ends', async () => {
    const db = app.data.services.db
    const cityOfAlpha = (reads: Parameters<typeof byName.first>[0]) => byName.first(reads, { name: 'Alpha', limit: 1 })
    let release!: () => void
    const paused = new Promise<void>((resolve) => (release = resolve))
    const held = holdingConnection(db, async (reads) => {
      const before = await cityOfAlpha(reads)
      await paused
      return [before, await cityOfAlpha(reads)]
    })
    const moved = db.kysely.transaction().execute((trx) => trx.updateTable('accounts').set({ city: 'Narvik' }).where('name', '=', 'Alpha').execute())
    await new Promise((resolve) => setTimeout(resolve, 20))
    release()
    expect(await held).toEqual([
      { name: 'Alpha', city: 'Oslo' },
      { name: 'Alpha', city: 'Oslo' },
    ])
    await moved
    expect(await cityOfAlpha(db.kysely)).toEqual({ name: 'Alpha', city: 'Narvik' })
    await db.kysely.updateTable('accounts').set({ city: 'Oslo' }).where('name', '=', 'Alpha').execute()
  })
})
