import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { insertTeam, insertUser, outboxRows, rowCounts } from '../../../test/unit/core/db-state'
import { slugify } from './handlers'

let app: TempApp
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
})
afterEach(async () => {
  await app.close()
})

describe('lookups', () => {
  it('lists the local user, active users, teams and active tags, by name', async () => {
    const first = ok(await app.api.lookups.get())
    expect(first.users).toEqual([first.me])
    expect(first).toMatchObject({ teams: [], tags: [] })

    const zed = insertUser(app, randomUUID(), 'Zed')
    const amy = insertUser(app, randomUUID(), 'Amy')
    app.data.services.db.sqlite.prepare('UPDATE users SET is_active = 0 WHERE id = ?').run(zed)
    const team = insertTeam(app, randomUUID(), 'Support')
    const tag = ok(await app.api.tags.create({ name: 'VIP', color: 'red' }))
    const l = ok(await app.api.lookups.get())
    expect(new Set(l.users.map((u) => u.id))).toEqual(new Set([amy, first.me.id]))
    expect(l.users.map((u) => u.name)).toEqual([...l.users.map((u) => u.name)].sort())
    expect(l.teams).toEqual([{ id: team, name: 'Support' }])
    expect(l.tags).toEqual([tag])
  })

  it('the local user survives a restart with the same id', async () => {
    const me = ok(await app.api.lookups.get()).me
    await app.data.close()
    const again = await openTempApp({ dir: app.dir })
    try {
      expect(ok(await again.api.lookups.get()).me).toEqual(me)
      expect(again.data.services.db.sqlite.prepare('SELECT count(*) AS n FROM users WHERE is_me = 1').get()).toEqual({ n: 1 })
    } finally {
      await again.close()
    }
  })
})

describe('tags.create', () => {
  it('creates a tag with a default colour and records it', async () => {
    const t = ok(await app.api.tags.create({ name: '  Key Account  ' }))
    expect(t).toMatchObject({ name: 'Key Account', color: 'blue' })
    expect(outboxRows(app)).toMatchObject([{ entity: 'tag', op: 'create', record_id: t.id }])
  })

  it('refuses a name whose slug exists, in any case or spacing', async () => {
    ok(await app.api.tags.create({ name: 'Key Account' }))
    const before = rowCounts(app)
    for (const name of ['key account', 'KEY-ACCOUNT', 'Key  Account!']) {
      const e = err(await app.api.tags.create({ name }))
      expect(e).toMatchObject({ code: 'conflict', fields: { name: [expect.stringMatching(/already exists/)] } })
    }
    expect(rowCounts(app)).toEqual(before)
  })

  it('brings an archived tag back instead of making a second one', async () => {
    const t = ok(await app.api.tags.create({ name: 'Old' }))
    app.data.services.db.sqlite.prepare('UPDATE tags SET is_active = 0 WHERE id = ?').run(t.id)
    expect(ok(await app.api.lookups.get()).tags).toEqual([])
    const back = ok(await app.api.tags.create({ name: 'old', color: 'green' }))
    expect(back).toEqual({ id: t.id, name: 'Old', color: 'green' })
    expect(rowCounts(app).tags).toBe(1)
    expect(outboxRows(app).at(-1)).toMatchObject({ entity: 'tag', op: 'update', record_id: t.id })
  })

  it('refuses bad input, writing nothing', async () => {
    const before = rowCounts(app)
    for (const payload of [{}, { name: '' }, { name: 'x'.repeat(51) }, { name: 'A', color: 'plaid' }, { name: 'A', slug: 'a' }]) {
      expect(err(await app.dispatch('tags.create', payload)).code).toBe('invalid_input')
    }
    expect(rowCounts(app)).toEqual(before)
  })

  it('slugify matches the server for plain and accented names', () => {
    expect(slugify('VIP Customer')).toBe('vip-customer')
    expect(slugify('Über Groß')).toBe('uber-gro')
    expect(slugify('  --Café--  ')).toBe('cafe')
  })
})
