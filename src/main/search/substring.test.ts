import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { textKey } from '../records/keys'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

// "Contains" filters narrowed by the trigram index must answer exactly what
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

describe('contains filters narrowed by the trigram index', () => {
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

  it('follow renames and deletes', async () => {
    const a = ok(await app.api.accounts.create({ name: 'Zebra Werke' }))
    expect(ok(await app.api.accounts.list({ name: 'zebra' })).total).toBe(1)
    ok(await app.api.accounts.update({ id: a.id, patch: { name: 'Okapi Werke' } }))
    expect(ok(await app.api.accounts.list({ name: 'zebra' })).total).toBe(0)
    expect(ok(await app.api.accounts.list({ name: 'okapi' })).total).toBe(1)
    ok(await app.api.accounts.delete({ id: a.id }))
    expect(ok(await app.api.accounts.list({ name: 'okapi' })).total).toBe(0)
  })
})
