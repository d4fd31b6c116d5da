import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { textKey } from '../records/keys'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

// "Contains" filters narrowed by the substring index must answer exactly what
// the plain substring rule answers, whatever the term holds.

const NAMES = [
  'Müller Logistik GmbH', 'MÜLLER Bau', 'Straße & Co', 'STRASSE Nord', '50% Rabatt AG', 'Under_score Ltd', 'Back\\slash Inc',
  'Quote "Me" LLC', 'İstanbul Ticaret', 'Ærø Fisk', 'ﬁne Foods', 'Nordic Logistics', 'nordic logistics two', 'Ab', 'abc',
]
const TERMS = ['mül', 'MÜLLER', 'straße', 'strasse', '50%', '0% r', 'under_', 'r_s', 'back\\s', '"me"', 'İst', 'istanbul', 'ærø', 'fine', 'ﬁne', 'logist', 'ab', 'b', 'c lo', 'zzz', 'nordic logistics t']

let app: TempApp
beforeAll(async () => {
  app = await openTempApp()
  for (const [i, name] of NAMES.entries()) {
    ok(await app.api.accounts.create({ name }))
    ok(await app.api.contacts.create({ first_name: name.split(' ')[0]!, last_name: name.split(' ').slice(1).join(' ') || 'X', email: `user${i}.${textKey(name).replace(/[^a-z]/g, '')}@example.com` }))
    ok(await app.api.cases.create({ name: name.slice(0, 60), status: 'New', priority: 'Low' }))
  }
})
afterAll(async () => {
  await app.close()
})

const contains = (value: string, term: string) => textKey(value).includes(textKey(term.trim()))
const firstOf = (name: string) => name.split(' ')[0]!
const lastOf = (name: string) => name.split(' ').slice(1).join(' ') || 'X'

describe('contains filters narrowed by the substring index', () => {
  it('return exactly the records whose key contains the term', async () => {
    for (const term of TERMS) {
      const accounts = ok(await app.api.accounts.list({ name: term, limit: 500 }))
      const expected = NAMES.filter((n) => contains(n, term)).sort()
      expect(accounts.items.map((a) => a.name).sort(), `accounts "${term}"`).toEqual(expected)
      expect(accounts.total).toBe(expected.length)

      const cases = ok(await app.api.cases.list({ name: term, limit: 500 }))
      expect(cases.items.map((c) => c.name).sort(), `cases "${term}"`).toEqual(NAMES.map((n) => n.slice(0, 60)).filter((n) => contains(n, term)).sort())

      const contacts = ok(await app.api.contacts.list({ name: term, limit: 500 }))
      expect(contacts.total, `contacts "${term}"`).toBe(contacts.items.filter((c) => contains(`${c.first_name} ${c.last_name}`, term)).length)
      expect(contacts.items.length).toBe(NAMES.filter((n) => contains(`${n.split(' ')[0]} ${n.split(' ').slice(1).join(' ') || 'X'}`, term)).length)
      const byEmail = ok(await app.api.contacts.list({ email: term, limit: 500 }))
      expect(byEmail.items.every((c) => contains(c.email ?? '', term)), `emails "${term}"`).toBe(true)
    }
  })

  it('count and page the same whether a sole filter is counted by its index or walked along the sort, in every state', async () => {
    const fresh = await openTempApp()
    try {
      for (const [i, name] of NAMES.entries()) {
        // Every third record is closed: the substring index counts them too, and they are taken off.
        const is_active = i % 3 !== 0
        ok(await fresh.api.accounts.create({ name, is_active, city: name.split(' ')[0]! }))
        ok(await fresh.api.cases.create({ name: name.slice(0, 60), status: 'New', priority: 'Low', is_active }))
        ok(await fresh.api.contacts.create({ first_name: firstOf(name), last_name: lastOf(name), is_active }))
      }
      for (const term of TERMS) {
        for (const state of ['active', 'closed', 'all'] as const) {
          const kept = NAMES.filter((n, i) => contains(n, term) && (state === 'all' || (i % 3 !== 0) === (state === 'active')))
          for (const sort of ['name', 'created_at'] as const) {
            const accounts = ok(await fresh.api.accounts.list({ name: term, state, sort, limit: 500 }))
            expect(accounts.total, `accounts "${term}" ${state} by ${sort}`).toBe(kept.length)
            expect(accounts.items.map((a) => a.name).sort()).toEqual([...kept].sort())
            const cases = ok(await fresh.api.cases.list({ name: term, state, sort, limit: 500 }))
            expect(cases.total, `cases "${term}" ${state} by ${sort}`).toBe(kept.length)
            expect(cases.items.map((c) => c.name).sort()).toEqual(kept.map((n) => n.slice(0, 60)).sort())
          }
          // Contacts by last name read their page from the substring hits that also gave the total.
          const contactsKept = NAMES.filter((n, i) => contains(`${firstOf(n)} ${lastOf(n)}`, term) && (state === 'all' || (i % 3 !== 0) === (state === 'active')))
          const contacts = ok(await fresh.api.contacts.list({ name: term, state, limit: 500 }))
          expect(contacts.total, `contacts "${term}" ${state}`).toBe(contactsKept.length)
          expect(contacts.items.map((c) => `${c.first_name} ${c.last_name}`).sort()).toEqual(contactsKept.map((n) => `${firstOf(n)} ${lastOf(n)}`).sort())
          const contactsMiddle = ok(await fresh.api.contacts.list({ name: term, state, offset: 1, limit: 2 })).items.map((c) => c.id)
          expect(contactsMiddle).toEqual(contacts.items.slice(1, 3).map((c) => c.id))
          const byCity = ok(await fresh.api.accounts.list({ city: term, state, sort: 'created_at', limit: 500 }))
          const cityKept = NAMES.filter((n, i) => contains(n.split(' ')[0]!, term) && (state === 'all' || (i % 3 !== 0) === (state === 'active')))
          expect(byCity.total, `accounts in "${term}" ${state}`).toBe(cityKept.length)
          // A page in the middle holds what the whole list holds there.
          const whole = ok(await fresh.api.accounts.list({ city: term, state, sort: 'created_at', limit: 500 })).items.map((a) => a.id)
          const middle = ok(await fresh.api.accounts.list({ city: term, state, sort: 'created_at', offset: 1, limit: 2 })).items.map((a) => a.id)
          expect(middle).toEqual(whole.slice(1, 3))
        }
      }
    } finally {
      await fresh.close()
    }
  })

  it('page a name filter sorted by name the same whether the walk along the name order fills the page or runs out', async () => {
    // 25,000 accounts: more than the walk may read (clusteredWalkBudget), so a term whose matches all sort
    // last ('zzcluster') makes the walk run out and the page come from the candidates, while a term spread
    // along the order ('bravo', also a first word) or sitting early ('alpha') is served by the walk.
    const fresh = await openTempApp()
    try {
      const sqlite = fresh.data.services.db.sqlite
      const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet']
      const insert = sqlite.prepare(`INSERT INTO accounts (id, created_at, updated_at, name, name_key, is_active) VALUES (?, '2026-01-01', '2026-01-01', ?, ?, ?)`)
      sqlite.transaction(() => {
        for (let i = 0; i < 25_000; i++) {
          const name = i % 80 === 0 ? `Zzcluster ${i}` : `${WORDS[(i * 7) % 10]} ${WORDS[(i * 3) % 10]} ${i}`
          insert.run(`walk-${i}`, name, textKey(name), i % 11 === 0 ? 0 : 1)
        }
      })()
      const reference = sqlite.prepare(`SELECT id FROM accounts WHERE is_active = ? AND name_key LIKE ? ORDER BY name_key ASC, seq ASC`)
      for (const term of ['zzcluster', 'bravo', 'alpha', 'Lpha Br', 'india 2']) {
        for (const state of ['active', 'closed'] as const) {
          const all = (reference.all(state === 'active' ? 1 : 0, `%${textKey(term)}%`) as { id: string }[]).map((r) => r.id)
          for (const direction of ['asc', 'desc'] as const) {
            const ordered = direction === 'asc' ? all : [...all].reverse()
            for (const offset of [0, 37, Math.max(0, all.length - 20)]) {
              const page = ok(await fresh.api.accounts.list({ name: term, state, sort: 'name', direction, offset, limit: 50 }))
              expect(page.total, `"${term}" ${state}`).toBe(all.length)
              expect(page.items.map((a) => a.id), `"${term}" ${state} ${direction} from ${offset}`).toEqual(ordered.slice(offset, offset + 50))
            }
          }
        }
      }
    } finally {
      await fresh.close()
    }
  })

  it('follow renames and deletes', async () => {
    const a = ok(await app.api.accounts.create({ name: 'Zebra Werke' }))
    expect(ok(await app.api.accounts.list({ name: 'zebra' })).total).toBe(1)
    ok(await app.api.accounts.update({ id: a.id, patch: { name: 'Okapi Werke' } }))
    expect(ok(await app.api.accounts.list({ name: 'zebra' })).total).toBe(0)
    expect(ok(await app.api.accounts.list({ name: 'okapi' })).total).toBe(1)
    ok(await app.api.accounts.delete({ id: a.id }))
    expect(ok(await app.api.accounts.list({ name: 'okapi' })).total).toBe(0)
  })

  it('filter by city exactly as the substring rule says, whoever wrote the row', async () => {
    const fresh = await openTempApp()
    try {
      for (const [i, city] of NAMES.entries()) {
        ok(await fresh.api.accounts.create({ name: `City account ${i}`, city }))
        ok(await fresh.api.contacts.create({ first_name: 'City', last_name: `Contact ${i}`, city }))
      }
      // A writer that is not a handler (sync, import) leaves city_key to the triggers.
      fresh.data.services.db.sqlite
        .prepare(`INSERT INTO accounts (id, created_at, updated_at, name, name_key, city) VALUES ('raw-1', '2026-01-01', '2026-01-01', 'Raw Row', 'raw row', 'MÜNCHEN')`)
        .run()
      const cities = [...NAMES, 'MÜNCHEN']
      for (const term of [...TERMS, 'münchen', 'ünc']) {
        const accounts = ok(await fresh.api.accounts.list({ city: term, limit: 500 }))
        expect(accounts.items.map((a) => a.city).sort(), `accounts city "${term}"`).toEqual(cities.filter((c) => contains(c, term)).sort())
        expect(accounts.total).toBe(accounts.items.length)
        const contacts = ok(await fresh.api.contacts.list({ city: term, limit: 500 }))
        expect(contacts.items.map((c) => c.city).sort(), `contacts city "${term}"`).toEqual(NAMES.filter((c) => contains(c, term)).sort())
      }
      fresh.data.services.db.sqlite.prepare(`UPDATE accounts SET city = 'Zürich' WHERE id = 'raw-1'`).run()
      expect(ok(await fresh.api.accounts.list({ city: 'münchen' })).total).toBe(0)
      expect(ok(await fresh.api.accounts.list({ city: 'ZÜRICH' })).items.map((a) => a.id)).toEqual(['raw-1'])
      const c = ok(await fresh.api.contacts.list({ city: 'ærø' })).items[0]!
      ok(await fresh.api.contacts.update({ id: c.id, patch: { city: null } }))
      expect(ok(await fresh.api.contacts.list({ city: 'ærø' })).total).toBe(0)
    } finally {
      await fresh.close()
    }
  })

  it('test a walked filter inside the default sort index, reading only the rows of the page', () => {
    // migrations/0008: each default sort index carries the keys a walk tests, and the id a tag or assignee check needs.
    const sqlite = app.data.services.db.sqlite
    const columns = (index: string) => (sqlite.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(index) as { name: string }[]).map((c) => c.name)
    expect(columns('accounts_by_active_name')).toEqual(['is_active', 'name_key', 'seq', 'city_key', 'id'])
    expect(columns('contacts_by_active_last')).toEqual(['is_active', 'last_name', 'seq', 'name_key', 'email_key', 'city_key', 'id'])
    expect(columns('cases_by_active_created')).toEqual(['is_active', 'created_at', 'seq', 'status', 'name_key', 'id'])
    // The walk's page query reads that index in its order: no sort step.
    const plan = (sql: string) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    const walked = plan(`SELECT * FROM contacts WHERE is_active = 1 AND email_key LIKE '%linda%' ORDER BY last_name, seq LIMIT 50`)
    expect(walked).toContain('contacts_by_active_last')
    expect(walked).not.toContain('TEMP B-TREE')
  })
})
