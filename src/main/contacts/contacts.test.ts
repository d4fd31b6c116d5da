import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ContactListQuery } from '../../shared/domain/contacts'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { insertTeam, insertUser, outboxRows, rowCounts } from '../../../test/unit/core/db-state'

let app: TempApp
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
})
afterEach(async () => {
  await app.close()
})

const ada = { first_name: 'Ada', last_name: 'Lovelace' }

describe('contacts', () => {
  it('creates a contact linked to an account and reads it back with its account and cases', async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    const c = ok(await app.api.contacts.create({ ...ada, email: ' Ada@Example.COM ', do_not_call: true, account_id: acme.id, country: 'gb' }))
    expect(c).toMatchObject({ email: 'ada@example.com', do_not_call: true, account_id: acme.id, country: 'GB', is_active: true, version: 1 })
    const k = ok(await app.api.cases.create({ name: 'Printer', status: 'New', priority: 'Low', contact_ids: [c.id] }))
    const detail = ok(await app.api.contacts.get({ id: c.id }))
    expect(detail.account).toEqual({ id: acme.id, name: 'Acme' })
    expect(detail.cases.map((x) => x.id)).toEqual([k.id])
    expect(detail.contact).toMatchObject({ ...c, tags: [], assignees: [], teams: [] })
    expect(outboxRows(app).filter((r) => r.entity === 'contact')).toMatchObject([{ op: 'create', record_id: c.id }])
  })

  describe('refuses bad input with field messages and writes nothing', () => {
    it.each([
      ['no first name', { last_name: 'X' }, 'first_name'],
      ['a blank last name', { first_name: 'A', last_name: ' ' }, 'last_name'],
      ['a bad email', { ...ada, email: 'ada@' }, 'email'],
      ['a bad linkedin url', { ...ada, linkedin_url: 'ftp://x.example' }, 'linkedin_url'],
      ['an account id that is not a uuid', { ...ada, account_id: '12' }, 'account_id'],
      ['do_not_call as a string', { ...ada, do_not_call: 'yes' }, 'do_not_call'],
      ['an unknown field', { ...ada, salary: 1 }, '_'],
    ])('%s', async (_label, payload, field) => {
      const before = rowCounts(app)
      const e = err(await app.dispatch('contacts.create', payload))
      expect(e.code).toBe('invalid_input')
      expect(e.fields?.[field]?.length).toBeGreaterThan(0)
      expect(rowCounts(app)).toEqual(before)
    })

    it('an account that does not exist, on create and on update', async () => {
      const before = rowCounts(app)
      expect(err(await app.api.contacts.create({ ...ada, account_id: randomUUID() })).code).toBe('not_found')
      expect(rowCounts(app)).toEqual(before)
      const c = ok(await app.api.contacts.create(ada))
      expect(err(await app.api.contacts.update({ id: c.id, patch: { account_id: randomUUID(), title: 'CEO' } })).code).toBe('not_found')
      expect(ok(await app.api.contacts.get({ id: c.id })).contact).toMatchObject({ title: null, version: 1 })
    })

    it.each(['tag_ids', 'assignee_ids', 'team_ids'] as const)('an unknown id in %s', async (field) => {
      const before = rowCounts(app)
      const e = err(await app.api.contacts.create({ ...ada, [field]: [randomUUID()] }))
      expect(e.code).toBe('invalid_input')
      expect(e.fields?.[field]?.[0]).toMatch(/^Unknown/)
      expect(rowCounts(app)).toEqual(before)
    })
  })

  describe('emails are unique ignoring case', () => {
    it('on create', async () => {
      ok(await app.api.contacts.create({ ...ada, email: 'ada@example.com' }))
      const before = rowCounts(app)
      const e = err(await app.api.contacts.create({ first_name: 'Other', last_name: 'Person', email: 'ADA@Example.com' }))
      expect(e.code).toBe('conflict')
      expect(e.fields?.email?.[0]).toMatch(/already exists/)
      expect(rowCounts(app)).toEqual(before)
    })

    it('on update; contacts without email never collide; a freed email can be reused', async () => {
      const a = ok(await app.api.contacts.create({ ...ada, email: 'ada@example.com' }))
      const b = ok(await app.api.contacts.create({ first_name: 'Bob', last_name: 'B' }))
      ok(await app.api.contacts.create({ first_name: 'Cy', last_name: 'C', email: '' }))
      expect(err(await app.api.contacts.update({ id: b.id, patch: { email: 'Ada@example.com' } })).code).toBe('conflict')
      ok(await app.api.contacts.update({ id: a.id, patch: { email: 'ADA@EXAMPLE.COM' } }))
      ok(await app.api.contacts.update({ id: a.id, patch: { email: null } }))
      expect(ok(await app.api.contacts.update({ id: b.id, patch: { email: 'ada@example.com' } })).email).toBe('ada@example.com')
    })
  })

  describe('partial update', () => {
    it('changes only the given fields, bumps the version once and names only what changed', async () => {
      const north = insertTeam(app, randomUUID(), 'North')
      const c = ok(await app.api.contacts.create({ ...ada, email: 'ada@example.com', city: 'London', title: 'Countess' }))
      const u = ok(await app.api.contacts.update({ id: c.id, patch: { last_name: 'King', city: 'London', team_ids: [north] } }))
      expect(u).toEqual({ ...c, last_name: 'King', version: 2, updated_at: u.updated_at })
      expect(outboxRows(app).at(-1)).toMatchObject({ op: 'update', record_id: c.id, fields: ['last_name', 'team_ids'] })
      // The name filter follows the new name.
      expect(ok(await app.api.contacts.list({ name: 'ada king' })).total).toBe(1)
    })

    it('a no-op update changes nothing', async () => {
      const ana = insertUser(app, randomUUID(), 'Ana')
      const c = ok(await app.api.contacts.create({ ...ada, email: 'ada@example.com', assignee_ids: [ana] }))
      const before = rowCounts(app)
      for (const patch of [{}, { first_name: 'Ada' }, { email: 'ADA@example.com' }, { assignee_ids: [ana] }, { do_not_call: false }]) {
        expect(ok(await app.api.contacts.update({ id: c.id, patch }))).toEqual(c)
      }
      expect(rowCounts(app)).toEqual(before)
    })

    it('answers not_found for a contact that does not exist', async () => {
      expect(err(await app.api.contacts.update({ id: randomUUID(), patch: { title: 'X' } })).code).toBe('not_found')
      expect(err(await app.api.contacts.get({ id: randomUUID() })).code).toBe('not_found')
      expect(err(await app.api.contacts.delete({ id: randomUUID() })).code).toBe('not_found')
    })
  })

  it('delete removes the contact, its comments and its case links, not the cases', async () => {
    const c = ok(await app.api.contacts.create(ada))
    const k = ok(await app.api.cases.create({ name: 'Printer', status: 'New', priority: 'Low', contact_ids: [c.id] }))
    ok(await app.api.comments.add({ parent: { type: 'contact', id: c.id }, body: 'Met at the fair' }))
    ok(await app.api.contacts.delete({ id: c.id }))
    expect(rowCounts(app)).toMatchObject({ contacts: 0, comments: 0, case_contacts: 0, cases: 1 })
    expect(ok(await app.api.cases.get({ id: k.id })).contacts).toEqual([])
    expect(outboxRows(app).at(-1)).toMatchObject({ entity: 'contact', op: 'delete', record_id: c.id })
  })
})

describe('contacts.list', () => {
  async function names(query: ContactListQuery): Promise<string[]> {
    return ok(await app.api.contacts.list(query)).items.map((c) => `${c.first_name} ${c.last_name}`)
  }

  it('filters by name, email, city and account, and pages with totals', async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    const beta = ok(await app.api.accounts.create({ name: 'Beta' }))
    const navy = ok(await app.api.tags.create({ name: 'Navy' }))
    const rows = [
      { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@acme.example', city: 'London', account_id: acme.id },
      { first_name: 'Charles', last_name: 'Babbage', email: 'cb@beta.example', city: 'LONDON', account_id: beta.id },
      { first_name: 'Émile', last_name: 'Zola', email: 'emile@acme.example', city: 'Paris', account_id: acme.id },
      { first_name: 'Grace', last_name: 'Hopper', email: 'grace_h@navy.example', city: 'Arlington', tag_ids: [navy.id] },
      { first_name: 'Old', last_name: 'Timer', city: 'London', is_active: false },
    ]
    for (const row of rows) ok(await app.api.contacts.create(row))

    expect(await names({})).toEqual(['Charles Babbage', 'Grace Hopper', 'Ada Lovelace', 'Émile Zola'])
    expect(await names({ name: 'ÉMILE' })).toEqual(['Émile Zola'])
    expect(await names({ name: 'ada love' })).toEqual(['Ada Lovelace'])
    expect(await names({ email: 'ACME.example' })).toEqual(['Ada Lovelace', 'Émile Zola'])
    expect(await names({ email: '_h@' })).toEqual(['Grace Hopper'])
    expect(await names({ email: 'a_a' })).toEqual([])
    expect(await names({ city: 'london' })).toEqual(['Charles Babbage', 'Ada Lovelace'])
    expect(await names({ city: 'london', state: 'all' })).toEqual(['Charles Babbage', 'Ada Lovelace', 'Old Timer'])
    expect(await names({ state: 'closed' })).toEqual(['Old Timer'])
    expect(await names({ account_id: acme.id })).toEqual(['Ada Lovelace', 'Émile Zola'])
    expect(await names({ account_id: acme.id, city: 'paris' })).toEqual(['Émile Zola'])
    expect(await names({ sort: 'first_name', direction: 'desc' })).toEqual(['Émile Zola', 'Grace Hopper', 'Charles Babbage', 'Ada Lovelace'])

    const page = ok(await app.api.contacts.list({ limit: 3, offset: 3 }))
    expect(page).toMatchObject({ total: 4, limit: 3, offset: 3 })
    expect(page.items.map((c) => c.last_name)).toEqual(['Zola'])
    const withAccount = ok(await app.api.contacts.list({ account_id: beta.id })).items[0]
    expect(withAccount).toMatchObject({ account_name: 'Beta', tags: [] })
    // Each row carries its own tags, and the tag filter finds it.
    expect(ok(await app.api.contacts.list({ tag_ids: [navy.id] })).items).toMatchObject([{ last_name: 'Hopper', tags: [{ id: navy.id, name: 'Navy' }] }])
    expect(ok(await app.api.contacts.get({ id: ok(await app.api.contacts.list({ name: 'grace' })).items[0]!.id })).contact.tags).toHaveLength(1)
  })
})
