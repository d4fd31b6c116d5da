import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SearchQuery } from '../../shared/domain/search'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { snippetOf, toFtsQuery } from './fts-query'

let app: TempApp
const ids: Record<string, string> = {}
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
  ids.acme = ok(await app.api.accounts.create({ name: 'Acme Hydraulics', email: 'sales@acme.example', city: 'Zürich' })).id
  ids.ada = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@engines.example', account_id: ids.acme })).id
  ids.pump = ok(await app.api.cases.create({ name: 'Hydraulic pump failure', status: 'New', priority: 'High', account_id: ids.acme, description: 'Pressure drops overnight' })).id
  ids.note = ok(await app.api.comments.add({ parent: { type: 'case', id: ids.pump }, body: 'Replaced the gasket, monitoring pressure' })).id
})
afterEach(async () => {
  await app.close()
})

async function hits(query: SearchQuery): Promise<string[]> {
  return ok(await app.api.search.query(query)).map((h) => `${h.kind}:${h.id}`)
}

describe('search.query', () => {
  it('finds records of every type: account name, contact name and email, case name, comment text', async () => {
    expect(await hits({ text: 'acme' })).toEqual([`account:${ids.acme}`])
    expect(await hits({ text: 'lovelace' })).toEqual([`contact:${ids.ada}`])
    expect(await hits({ text: 'ada@engines.example' })).toEqual([`contact:${ids.ada}`])
    expect(await hits({ text: 'gasket' })).toEqual([`comment:${ids.note}`])
    expect((await hits({ text: 'hydraulic' })).sort()).toEqual([`account:${ids.acme}`, `case:${ids.pump}`].sort())
    expect((await hits({ text: 'pressure' })).sort()).toEqual([`case:${ids.pump}`, `comment:${ids.note}`].sort())
  })

  it('answers with a title, a snippet and, for a comment, the record it belongs to', async () => {
    const [comment] = ok(await app.api.search.query({ text: 'gasket' }))
    expect(comment).toMatchObject({ kind: 'comment', parent: { type: 'case', id: ids.pump }, title: expect.stringContaining('gasket') })
    const [contact] = ok(await app.api.search.query({ text: 'ada' }))
    expect(contact).toMatchObject({ kind: 'contact', title: 'Ada Lovelace', snippet: 'ada@engines.example', parent: null })
  })

  it('matches the last word as a prefix, as the user types, and ignores case and accents', async () => {
    for (const text of ['A', 'Ac', 'Acm', 'acme h', 'ACME HYDR']) expect(await hits({ text, kinds: ['account'] })).toEqual([`account:${ids.acme}`])
    expect(await hits({ text: 'zurich' })).toEqual([`account:${ids.acme}`])
    expect(await hits({ text: 'lov ada' })).toEqual([]) // only the last word is a prefix
    expect(await hits({ text: 'ada lov' })).toEqual([`contact:${ids.ada}`])
  })

  it('treats FTS syntax in the input as plain text, never as an error', async () => {
    for (const text of ['"', 'acme"', 'acme OR ada', 'NEAR(acme ada)', 'acme*', '-acme', 'title:acme', '^acme', 'a AND', '(', '*', 'acme NOT pump', "'; DROP TABLE accounts; --"]) {
      const r = await app.api.search.query({ text })
      expect(r.ok, text).toBe(true)
    }
    // Words are required together: "OR" is a word, not an operator.
    expect(await hits({ text: 'acme OR lovelace' })).toEqual([])
    expect(await hits({ text: 'title:acme' })).toEqual([]) // "title" is not in any record
    expect(await hits({ text: 'acme*' })).toEqual([`account:${ids.acme}`])
    expect(await hits({ text: '   ' })).toEqual([])
    expect(await hits({ text: '!!!' })).toEqual([])
  })

  it('follows updates and deletes: no stale hits', async () => {
    ok(await app.api.accounts.update({ id: ids.acme!, patch: { name: 'Zenith Fluidics' } }))
    expect(await hits({ text: 'acme', kinds: ['account'] })).toEqual([`account:${ids.acme}`]) // still in its email
    ok(await app.api.accounts.update({ id: ids.acme!, patch: { email: 'sales@zenith.example' } }))
    expect(await hits({ text: 'acme', kinds: ['account'] })).toEqual([])
    expect(await hits({ text: 'zenith' })).toEqual([`account:${ids.acme}`])

    ok(await app.api.contacts.update({ id: ids.ada!, patch: { last_name: 'King' } }))
    expect(await hits({ text: 'lovelace' })).toEqual([])
    expect(await hits({ text: 'ada king' })).toEqual([`contact:${ids.ada}`])

    ok(await app.api.comments.update({ id: ids.note!, body: 'Swapped the seal' }))
    expect(await hits({ text: 'gasket' })).toEqual([])
    expect(await hits({ text: 'seal' })).toEqual([`comment:${ids.note}`])

    ok(await app.api.contacts.delete({ id: ids.ada! }))
    expect(await hits({ text: 'ada' })).toEqual([])

    // Deleting the account cascades to its case and the case's comment: none may linger in the index.
    ok(await app.api.accounts.delete({ id: ids.acme! }))
    for (const text of ['zenith', 'hydraulic', 'pressure', 'seal']) expect(await hits({ text })).toEqual([])
    const indexed = app.data.services.db.sqlite.prepare("SELECT count(*) AS n FROM search_index WHERE search_index MATCH 'seal OR pump OR zenith'").get()
    expect(indexed).toEqual({ n: 0 })
    const comments = app.data.services.db.sqlite.prepare("SELECT count(*) AS n FROM comment_search WHERE comment_search MATCH 'seal OR pressure'").get()
    expect(comments).toEqual({ n: 0 })
  })

  it('limits results to the kinds asked for, and to the limit', async () => {
    expect(await hits({ text: 'pressure', kinds: ['comment'] })).toEqual([`comment:${ids.note}`])
    expect(await hits({ text: 'hydraulic', kinds: ['contact', 'comment'] })).toEqual([])
    expect(await hits({ text: 'hydraulic', limit: 1 })).toHaveLength(1)
    expect(await hits({ text: 'hydraulic', kinds: [] })).toEqual([])
  })

  it('answers records before comments, names starting with the term first, and keeps room for comments', async () => {
    const older = ok(await app.api.accounts.create({ name: 'Pumpenwerk Nord' })).id
    const newer = ok(await app.api.accounts.create({ name: 'Pump Station Süd' })).id
    const note = ok(await app.api.comments.add({ parent: { type: 'account', id: newer }, body: 'pump delivered' })).id
    // Names starting with "pump" (as a whole word first), then other record matches (the case), the comment last.
    expect(await hits({ text: 'pump' })).toEqual([`account:${newer}`, `account:${older}`, `case:${ids.pump}`, `comment:${note}`])
    expect(await hits({ text: 'pump', limit: 2 })).toEqual([`account:${newer}`, `account:${older}`])
    // With more record matches than the limit, a quarter of the answer stays for comments.
    expect(await hits({ text: 'pump', limit: 4 })).toEqual([`account:${newer}`, `account:${older}`, `case:${ids.pump}`, `comment:${note}`])
    for (let i = 0; i < 4; i++) ok(await app.api.accounts.create({ name: `Pump ${i}` }))
    const four = await hits({ text: 'pump', limit: 4 })
    expect(four.filter((h) => h.startsWith('account:'))).toHaveLength(3)
    expect(four[3]).toBe(`comment:${note}`)
  })

  it('ranks as people expect: the exact name, then names starting so, then names holding the words, then other text', async () => {
    // Look-alikes made later (newer) than the exact name, and many cases that mention a person.
    const exact = ok(await app.api.accounts.create({ name: 'Boreal Aurora Labs' })).id
    for (const n of ['Boreal Aurora Labs North', 'Aurora Boreal Labs', 'Boreal Aurora Labsworks']) ok(await app.api.accounts.create({ name: n }))
    const mueller = ok(await app.api.contacts.create({ first_name: 'Anna', last_name: 'Müller' })).id
    const kim = ok(await app.api.contacts.create({ first_name: 'Kim', last_name: 'Lee' })).id
    const obrien = ok(await app.api.contacts.create({ first_name: 'Sean', last_name: "O'Brien" })).id
    for (let i = 0; i < 25; i++) ok(await app.api.cases.create({ name: `Visit ${i}`, status: 'New', priority: 'Low', description: 'Müller asked for it; Kim and O\'Brien too' }))
    const top = async (text: string, n = 1) => (await hits({ text, limit: 20 })).slice(0, n)

    expect(await top('Boreal Aurora Labs')).toEqual([`account:${exact}`])
    expect(await top('boreal aurora labs', 2)).toEqual([`account:${exact}`, expect.stringMatching(/^account:/)])
    expect(await top('müller')).toEqual([`contact:${mueller}`])
    expect(await top('muller')).toEqual([`contact:${mueller}`])
    expect(await top('kim')).toEqual([`contact:${kim}`])
    expect(await top("o'brien")).toEqual([`contact:${obrien}`])
  })

  it('refuses bad queries', async () => {
    for (const q of [{}, { text: 'x'.repeat(201) }, { text: 'x', kinds: ['lead'] }, { text: 'x', limit: 0 }, { text: 'x', limit: 101 }, { text: 1 }]) {
      expect(err(await app.dispatch('search.query', q)).code).toBe('invalid_input')
    }
  })
})

describe('toFtsQuery', () => {
  it('quotes every word and makes the last a prefix', () => {
    expect(toFtsQuery('acme hydr')).toBe('"acme" "hydr"*')
    expect(toFtsQuery('"x" OR y*')).toBe('"x" "OR" "y"*')
    expect(toFtsQuery(' -- ')).toBeNull()
    expect(toFtsQuery('acme hydr', false)).toBe('"acme" "hydr"')
  })
})

describe('snippetOf', () => {
  it('flattens whitespace runs and trims, whether the text is cut or not', () => {
    expect(snippetOf('Call  back\ttomorrow\n', 'call')).toBe('Call back tomorrow')
    expect(snippetOf(' lead and trail ', undefined)).toBe('lead and trail')
    expect(snippetOf('plain text stays as it is', 'text')).toBe('plain text stays as it is')
    expect(snippetOf(null, 'x')).toBe('')
    const long = `${'a '.repeat(40)}Needle\n\nhere ${'b '.repeat(40)}`
    const cut = snippetOf(long, 'needle', 30)
    expect(cut).toMatch(/^….*Needle here.*…$/)
    expect(cut).not.toMatch(/\s{2}|\n/)
  })
})

