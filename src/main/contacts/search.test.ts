import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { textKey } from '../records/keys'

// The contacts list's search box finds a contact by its name, email,
// organization, title or account name, any case, short terms or long, and
// agrees with a plain "contains" over those fields after edits.

let app: TempApp
beforeEach(async () => {
  app = await openTempApp()
})
afterEach(async () => {
  await app.close()
})

async function found(search: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const page = ok(await app.api.contacts.list({ search, limit: 200, ...extra }))
  expect(page.total, `total for ${search}`).toBe(page.items.length)
  return page.items.map((c) => c.last_name).sort()
}

describe('contacts list search', () => {
  beforeEach(async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme Logistics' }))
    ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@analytical.example', title: 'Chief Engineer' }))
    ok(await app.api.contacts.create({ first_name: 'Grace', last_name: 'Hopper', organization: 'Müller Werkzeugbau', account_id: acme.id }))
    ok(await app.api.contacts.create({ first_name: 'Alan', last_name: 'Turing', email: 'alan@bletchley.example', organization: 'GCHQ', title: 'Cryptanalyst' }))
  })

  it('matches the email, organization, title and account name as well as the name', async () => {
    expect(await found('lovel')).toEqual(['Lovelace'])
    expect(await found('analytical')).toEqual(['Lovelace'])
    expect(await found('engineer')).toEqual(['Lovelace'])
    expect(await found('MÜLLER')).toEqual(['Hopper'])
    expect(await found('werkzeug')).toEqual(['Hopper'])
    expect(await found('logistics')).toEqual(['Hopper'])
    expect(await found('crypt')).toEqual(['Turing'])
    expect(await found('.example')).toEqual(['Lovelace', 'Turing'])
    expect(await found('nothing like it')).toEqual([])
  })

  it('a term of one or two characters matches names only', async () => {
    expect(await found('gc')).toEqual([])
    expect(await found('ov')).toEqual(['Lovelace'])
    expect(await found('G')).toEqual(['Hopper', 'Turing'])
  })

  it('combines with the other filters and states, and follows edits of the searched fields', async () => {
    const turing = ok(await app.api.contacts.list({ search: 'turing' })).items[0]!
    expect(await found('gchq', { state: 'closed' })).toEqual([])
    ok(await app.api.contacts.update({ id: turing.id, patch: { organization: 'Manchester University', is_active: false } }))
    expect(await found('gchq', { state: 'all' })).toEqual([])
    expect(await found('manchester', { state: 'closed' })).toEqual(['Turing'])
    expect(await found('manchester')).toEqual([])
    expect(await found('example', { name: 'ada' })).toEqual(['Lovelace'])
  })

  it('agrees with a plain contains over the fields for many terms, with the sort order walked or not', async () => {
    const accounts = await Promise.all(['Nordic Freight', 'Alpine Tools'].map(async (name) => ok(await app.api.accounts.create({ name }))))
    const words = ['anna', 'berg', 'nord', 'tools', 'sales', 'manager', 'schmidt', 'freight']
    for (let i = 0; i < 120; i++) {
      const w = (k: number) => words[(i * k + k) % words.length]!
      ok(await app.api.contacts.create({
        first_name: w(1), last_name: `${w(3)}${i}`, email: `${w(5)}${i}@x.example`, organization: i % 3 ? w(7) : undefined,
        title: i % 2 ? `${w(2)} lead` : undefined, account_id: i % 4 ? accounts[i % 2]!.id : undefined, is_active: i % 5 !== 0,
      }))
    }
    const all = ok(await app.api.contacts.list({ limit: 500, state: 'all' })).items
    for (const term of ['an', 'nord', 'ales', 'freight', 'tools', 'x.example', 'lead', 'zzz']) {
      const key = textKey(term)
      const expected = all
        .filter((c) => (key.length < 3 ? [`${c.first_name} ${c.last_name}`] : [`${c.first_name} ${c.last_name}`, c.email, c.organization, c.title, c.account_name]).some((v) => v && textKey(v).includes(key)))
        .sort((a, b) => a.id.localeCompare(b.id))
      for (const limit of [5, 500]) {
        const page = ok(await app.api.contacts.list({ search: term, limit, state: 'all' }))
        expect(page.total, term).toBe(expected.length)
        if (limit === 500) expect(page.items.map((c) => c.id).sort(), term).toEqual(expected.map((c) => c.id))
      }
      const active = ok(await app.api.contacts.list({ search: term, limit: 3 }))
      expect(active.total, term).toBe(expected.filter((c) => c.is_active).length)
      const closed = ok(await app.api.contacts.list({ search: term, limit: 3, state: 'closed' }))
      expect(closed.total, term).toBe(expected.filter((c) => !c.is_active).length)
      expect(closed.items.every((c) => !c.is_active)).toBe(true)
    }
  })
})
