import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../db/connection'
import { migrateToLatest } from '../db/migrate'
import { ok, openTempApp } from '../../../test/support/temp-app'
import { gramColumns, gramMatch, gramText, MIN_GRAM_TERM } from './grams'

// A substring index must find exactly the keys that contain a term, wherever
// the term starts (any of the three offsets), however often it repeats or
// overlaps itself, at the very end of a key, and whatever the characters.

let dir: string
let db: Db
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-grams-'))
  db = openDatabase(join(dir, 'crm.sqlite'))
  await migrateToLatest(db)
})
afterAll(async () => {
  await db.close()
  await rm(dir, { recursive: true, force: true })
})

// contact_search holds more columns after its name and email grams (migrations/0017); the contacts' "contains" filters read those two.
const INDEXES = { accounts_grams: ['name_key'], cases_grams: ['name_key'], accounts_city_grams: ['city_key'], contacts_city_grams: ['city_key'] }
const LEADING = { contact_search: ['name_key', 'email_key'] }

/** Keys over a few characters, so terms repeat and overlap; with a space, a quote, a multi-byte letter and an astral one. */
const character = fc.constantFrom('a', 'b', 'c', ' ', '"', 'ü', '😀', '*')
const key = fc.array(character, { maxLength: 16 }).map((cs) => cs.join(''))

describe('substring grams', () => {
  it('every index the migrations built has one column per offset of each key, as gramMatch names them', () => {
    for (const [index, keys] of Object.entries(INDEXES)) {
      const columns = db.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(index)
      expect(columns, index).toEqual(keys.flatMap(gramColumns))
    }
    for (const [index, keys] of Object.entries(LEADING)) {
      const columns = db.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(index)
      const leading = keys.flatMap(gramColumns)
      expect(columns.slice(0, leading.length), index).toEqual(leading)
    }
  })

  it('a phrase matches exactly the keys containing the term, for any keys and terms', () => {
    const insert = db.sqlite.prepare(`INSERT INTO cases_grams(rowid, name_key_0, name_key_1, name_key_2) VALUES (@seq, gram_text(@key, 0), gram_text(@key, 1), gram_text(@key, 2))`)
    const matching = db.sqlite.prepare(`SELECT rowid FROM cases_grams WHERE cases_grams MATCH ? ORDER BY rowid`).pluck()
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 30 }), fc.array(character, { maxLength: 9 }), fc.nat(), (keys, termChars, pick) => {
        // Half the terms are cut from a key, so most runs have matches.
        const source = keys[pick % keys.length]!
        const cut = [...source].slice(pick % 3, (pick % 3) + 3 + (pick % 5)).join('')
        const term = pick % 2 ? cut : termChars.join('')
        db.sqlite.exec('BEGIN')
        try {
          keys.forEach((k, i) => insert.run({ key: k, seq: i + 1 }))
          const match = gramMatch('name_key', term)
          if ([...term].length < MIN_GRAM_TERM) {
            expect(match).toBeUndefined()
          } else {
            const expected = keys.flatMap((k, i) => (k.includes(term) ? [i + 1] : []))
            expect(matching.all(match), `${JSON.stringify(term)} in ${JSON.stringify(keys)}`).toEqual(expected)
          }
        } finally {
          db.sqlite.exec('ROLLBACK')
        }
      }),
      { numRuns: 300 },
    )
  })

  it('a column holds the windows starting at its offset, every third character', () => {
    const hex = (s: string) => Buffer.from(s).toString('hex')
    // Windows under three characters ('ls', 's') are left out: no term's token matches them.
    expect(gramText('login fails', 0).split(' ')).toEqual(['login', 'in fa', 'fails'].map(hex))
    expect(gramText('login fails', 1).split(' ')).toEqual(['ogin ', 'n fai', 'ails'].map(hex))
    expect(gramText('login fails', 2).split(' ')).toEqual(['gin f', ' fail', 'ils'].map(hex))
    expect(gramText('ab', 0)).toBe('')
    expect(gramMatch('name_key', 'login fails')).toBe(`{name_key_0 name_key_1 name_key_2} : "${['login', 'in fa', 'fails'].map(hex).join(' ')}"`)
    expect(gramMatch('name_key', 'scanner')).toBe(`{name_key_0 name_key_1 name_key_2} : "${['scann', 'nner'].map(hex).join(' ')}" *`)
  })

  it('follows a record through its triggers: created, renamed and deleted', async () => {
    const app = await openTempApp()
    try {
      // A sole name filter's total is the index's count.
      const hits = async (term: string) => ok(await app.api.cases.list({ name: term })).total
      const made = ok(await app.api.cases.create({ name: 'Printer jams on tray 2', status: 'New', priority: 'Low' }))
      expect(await hits('jams on')).toBe(1)
      ok(await app.api.cases.update({ id: made.id, patch: { name: 'Scanner offline' } }))
      expect([await hits('jams on'), await hits('SCANNER OFF')]).toEqual([0, 1])
      ok(await app.api.cases.delete({ id: made.id }))
      expect(await hits('scanner off')).toBe(0)
    } finally {
      await app.close()
    }
  })
})
