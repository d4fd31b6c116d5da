import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'

let app: TempApp
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
})
afterEach(async () => {
  await app?.close()
})

const titles = async () => ok(await app.api.recent.list()).map((r) => `${r.type}:${r.title}`)

describe('recently viewed records', () => {
  it('lists the records opened, newest first, each once', async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    const ada = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Byron' }))
    const hinge = ok(await app.api.cases.create({ name: 'Hinge', status: 'New', priority: 'Low' }))
    ok(await app.api.recent.viewed({ type: 'account', id: acme.id }))
    ok(await app.api.recent.viewed({ type: 'case', id: hinge.id }))
    ok(await app.api.recent.viewed({ type: 'contact', id: ada.id }))
    ok(await app.api.recent.viewed({ type: 'account', id: acme.id }))
    expect(await titles()).toEqual(['account:Acme', 'contact:Ada Byron', 'case:Hinge'])
  })

  it('keeps the newest 20', async () => {
    for (let i = 1; i <= 25; i++) {
      const a = ok(await app.api.accounts.create({ name: `Account ${i}` }))
      ok(await app.api.recent.viewed({ type: 'account', id: a.id }))
    }
    const list = await titles()
    expect(list).toHaveLength(20)
    expect(list[0]).toBe('account:Account 25')
    expect(list.at(-1)).toBe('account:Account 6')
    expect(app.data.services.db.sqlite.prepare('SELECT count(*) AS n FROM recent_views').get()).toEqual({ n: 20 })
  })

  it('leaves out a deleted record at once, and drops its row at the next view', async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    const hinge = ok(await app.api.cases.create({ name: 'Hinge', status: 'New', priority: 'Low' }))
    ok(await app.api.recent.viewed({ type: 'case', id: hinge.id }))
    ok(await app.api.recent.viewed({ type: 'account', id: acme.id }))
    ok(await app.api.cases.delete({ id: hinge.id }))
    expect(await titles()).toEqual(['account:Acme'])
    ok(await app.api.recent.viewed({ type: 'account', id: acme.id }))
    expect(app.data.services.db.sqlite.prepare('SELECT count(*) AS n FROM recent_views').get()).toEqual({ n: 1 })
  })

  it('refuses a record that does not exist, or of another type, writing nothing', async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    expect(err(await app.api.recent.viewed({ type: 'case', id: acme.id })).code).toBe('not_found')
    expect(err(await app.api.recent.viewed({ type: 'account', id: randomUUID() })).code).toBe('not_found')
    expect(err(await app.dispatch('recent.viewed', { type: 'comment', id: acme.id })).code).toBe('invalid_input')
    expect(await titles()).toEqual([])
  })

  it('survives a restart', async () => {
    const dir = app.dir
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    ok(await app.api.recent.viewed({ type: 'account', id: acme.id }))
    await app.data.close()
    const again = await openTempApp({ dir })
    try {
      expect(ok(await again.api.recent.list()).map((r) => r.title)).toEqual(['Acme'])
    } finally {
      await again.close()
    }
  })
})
