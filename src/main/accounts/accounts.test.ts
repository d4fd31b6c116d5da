import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { insertTeam, insertUser, outboxRows, rowCounts } from '../../../test/unit/core/db-state'

let app: TempApp
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
})
afterEach(async () => {
  await app.close()
})

describe('accounts', () => {
  it('creates, reads, updates and deletes an account, recording each change in the outbox', async () => {
    const created = ok(await app.api.accounts.create({ name: 'Acme GmbH', industry: 'MANUFACTURING', city: 'Berlin', country: 'de' }))
    expect(created).toMatchObject({ name: 'Acme GmbH', industry: 'MANUFACTURING', city: 'Berlin', country: 'DE', is_active: true, version: 1 })

    const updated = ok(await app.api.accounts.update({ id: created.id, patch: { phone: '+49 30 1234567', city: 'Berlin' } }))
    expect(updated.phone).toBe('+49 30 1234567')
    expect(updated.version).toBe(2)

    const detail = ok(await app.api.accounts.get({ id: created.id }))
    expect(detail.account.name).toBe('Acme GmbH')

    ok(await app.api.accounts.delete({ id: created.id }))
    expect(err(await app.api.accounts.get({ id: created.id })).code).toBe('not_found')

    expect(outboxRows(app).map((r) => ({ op: r.op, fields: r.fields, record_id: r.record_id }))).toEqual([
      { op: 'create', fields: [], record_id: created.id },
      { op: 'update', fields: ['phone'], record_id: created.id },
      { op: 'delete', fields: [], record_id: created.id },
    ])
  })

  it('stores every field it is given, normalised, and reads it back', async () => {
    const created = ok(
      await app.api.accounts.create({
        name: '  Nordwind AG  ',
        email: 'Info@Nordwind.DE',
        phone: '+49 40 555 0100',
        website: 'https://nordwind.example',
        industry: 'ENERGY',
        number_of_employees: 120,
        annual_revenue: 1250000.5,
        currency: 'eur',
        address_line: 'Hafenstraße 1',
        city: 'Hamburg',
        state: 'HH',
        postcode: '20457',
        country: 'de',
        description: 'Wind parks',
        is_active: false,
      }),
    )
    expect(created).toMatchObject({
      name: 'Nordwind AG',
      email: 'info@nordwind.de',
      annual_revenue: '1250000.5',
      currency: 'EUR',
      country: 'DE',
      number_of_employees: 120,
      is_active: false,
      version: 1,
    })
    const stored = ok(await app.api.accounts.get({ id: created.id })).account
    expect(stored).toMatchObject({ ...created, tags: [], assignees: [], teams: [] })
  })

  describe('refuses bad input with field messages and writes nothing', () => {
    const cases: [string, unknown, string][] = [
      ['no name', {}, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name too long', { name: 'x'.repeat(256) }, 'name'],
      ['a bad email', { name: 'A', email: 'not-an-email' }, 'email'],
      ['a bad phone', { name: 'A', phone: 'call me' }, 'phone'],
      ['a website that is not http', { name: 'A', website: 'javascript:alert(1)' }, 'website'],
      ['an unknown industry', { name: 'A', industry: 'PIRACY' }, 'industry'],
      ['negative employees', { name: 'A', number_of_employees: -1 }, 'number_of_employees'],
      ['revenue with three decimals', { name: 'A', annual_revenue: '1.234' }, 'annual_revenue'],
      ['a three-letter country', { name: 'A', country: 'USA' }, 'country'],
      ['an unknown country', { name: 'A', country: 'QQ' }, 'country'],
      ['a wrong type', { name: 42 }, 'name'],
      ['an unknown field', { name: 'A', owner: 'me' }, '_'],
      ['a tag id that is not a uuid', { name: 'A', tag_ids: ['x'] }, 'tag_ids.0'],
    ]
    it.each(cases)('%s', async (_label, payload, field) => {
      const before = rowCounts(app)
      const e = err(await app.dispatch('accounts.create', payload))
      expect(e.code).toBe('invalid_input')
      expect(e.fields?.[field]?.length).toBeGreaterThan(0)
      expect(rowCounts(app)).toEqual(before)
    })

    it('a payload that is not an object', async () => {
      for (const payload of [null, 'Acme', 7, []]) {
        expect(err(await app.dispatch('accounts.create', payload)).code).toBe('invalid_input')
      }
    })

    it('an update with a bad field leaves the record as it was', async () => {
      const a = ok(await app.api.accounts.create({ name: 'Acme' }))
      const before = rowCounts(app)
      const e = err(await app.dispatch('accounts.update', { id: a.id, patch: { email: 'nope', city: 'Paris' } }))
      expect(e.code).toBe('invalid_input')
      expect(e.fields).toHaveProperty(['patch.email'])
      expect(rowCounts(app)).toEqual(before)
      expect(ok(await app.api.accounts.get({ id: a.id })).account).toMatchObject({ city: null, version: 1 })
    })
  })

  describe('names are unique ignoring case, in any script', () => {
    it.each([
      ['Ärzte Nord', 'ÄRZTE NORD'],
      ['ΣΊΣΥΦΟΣ', 'σίσυφος'],
      ['Caf\u00e9 Royal', 'CAFE\u0301 ROYAL'], // composed vs decomposed é
      ['acme', '  ACME  '],
    ])('%s vs %s on create', async (first, second) => {
      ok(await app.api.accounts.create({ name: first }))
      const before = rowCounts(app)
      const e = err(await app.api.accounts.create({ name: second }))
      expect(e.code).toBe('conflict')
      expect(e.fields?.name?.[0]).toMatch(/already exists/)
      expect(rowCounts(app)).toEqual(before)
    })

    it('when the same name arrives many times at once, exactly one wins', async () => {
      const results = await Promise.all(['Delta', 'DELTA', 'delta', ' Delta ', 'dElTa'].map((name) => app.api.accounts.create({ name })))
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(4).fill('conflict'))
      expect(rowCounts(app)).toMatchObject({ accounts: 1, outbox: 1 })
    })

    it('on update, but renaming to another case of its own name is fine', async () => {
      ok(await app.api.accounts.create({ name: 'Ärzte Nord' }))
      const b = ok(await app.api.accounts.create({ name: 'Bäcker Süd' }))
      const e = err(await app.api.accounts.update({ id: b.id, patch: { name: 'ärzte nord' } }))
      expect(e.code).toBe('conflict')
      expect(ok(await app.api.accounts.get({ id: b.id })).account.name).toBe('Bäcker Süd')

      const renamed = ok(await app.api.accounts.update({ id: b.id, patch: { name: 'BÄCKER SÜD' } }))
      expect(renamed).toMatchObject({ name: 'BÄCKER SÜD', version: 2 })
      // The old key is free again once renamed away.
      const c = ok(await app.api.accounts.update({ id: b.id, patch: { name: 'Bäcker West' } }))
      expect(c.name).toBe('Bäcker West')
      ok(await app.api.accounts.create({ name: 'bäcker süd' }))
    })
  })

  describe('tags, assignees and teams', () => {
    it('links existing ones and returns them with the record', async () => {
      const vip = ok(await app.api.tags.create({ name: 'VIP', color: 'red' }))
      const ana = insertUser(app, randomUUID(), 'Ana')
      const north = insertTeam(app, randomUUID(), 'North')
      const a = ok(await app.api.accounts.create({ name: 'Acme', tag_ids: [vip.id, vip.id], assignee_ids: [ana], team_ids: [north] }))
      const detail = ok(await app.api.accounts.get({ id: a.id })).account
      expect(detail.tags).toEqual([{ id: vip.id, name: 'VIP', color: 'red' }])
      expect(detail.assignees.map((u) => u.id)).toEqual([ana])
      expect(detail.teams).toEqual([{ id: north, name: 'North' }])
    })

    it.each([
      ['tag_ids', 'tag'],
      ['assignee_ids', 'user'],
      ['team_ids', 'team'],
    ] as const)('refuses an unknown id in %s on create and on update', async (field, what) => {
      const missing = randomUUID()
      const before = rowCounts(app)
      const e = err(await app.api.accounts.create({ name: 'Acme', [field]: [missing] }))
      expect(e.code).toBe('invalid_input')
      expect(e.fields?.[field]?.[0]).toContain(`Unknown ${what}`)
      expect(e.fields?.[field]?.[0]).toContain(missing)
      expect(rowCounts(app)).toEqual(before)

      const a = ok(await app.api.accounts.create({ name: 'Acme' }))
      const afterCreate = rowCounts(app)
      const u = err(await app.api.accounts.update({ id: a.id, patch: { city: 'Oslo', [field]: [missing] } }))
      expect(u.code).toBe('invalid_input')
      expect(rowCounts(app)).toEqual(afterCreate)
      expect(ok(await app.api.accounts.get({ id: a.id })).account).toMatchObject({ city: null, version: 1 })
    })
  })

  describe('partial update', () => {
    it('changes only the given fields, bumps the version once and names only what changed', async () => {
      const vip = ok(await app.api.tags.create({ name: 'VIP' }))
      const a = ok(await app.api.accounts.create({ name: 'Acme', city: 'Berlin', email: 'a@acme.example', industry: 'SOFTWARE' }))
      const u = ok(await app.api.accounts.update({ id: a.id, patch: { city: 'Munich', email: 'a@acme.example', tag_ids: [vip.id] } }))
      expect(u).toEqual({ ...a, city: 'Munich', version: 2, updated_at: u.updated_at })
      expect(u.updated_at > a.updated_at).toBe(true)
      expect(outboxRows(app).at(-1)).toMatchObject({ op: 'update', record_id: a.id, fields: ['city', 'tag_ids'] })
    })

    it('clears a field given as null or an empty string', async () => {
      const a = ok(await app.api.accounts.create({ name: 'Acme', city: 'Berlin', phone: '+1 555 0100', industry: 'SOFTWARE' }))
      const u = ok(await app.api.accounts.update({ id: a.id, patch: { city: '', phone: null, industry: null } }))
      expect(u).toMatchObject({ city: null, phone: null, industry: null, version: 2 })
      expect(outboxRows(app).at(-1)?.fields.sort()).toEqual(['city', 'industry', 'phone'])
    })

    it('changes nothing when nothing differs: no version, no timestamp, no outbox row', async () => {
      const vip = ok(await app.api.tags.create({ name: 'VIP' }))
      const a = ok(await app.api.accounts.create({ name: 'Acme', city: 'Berlin', is_active: true, tag_ids: [vip.id] }))
      const before = rowCounts(app)
      for (const patch of [{}, { city: 'Berlin' }, { name: 'Acme', is_active: true }, { tag_ids: [vip.id] }, { city: '  Berlin ' }]) {
        const u = ok(await app.api.accounts.update({ id: a.id, patch }))
        expect(u).toEqual(a)
      }
      expect(rowCounts(app)).toEqual(before)
    })

    it('answers not_found for an account that does not exist', async () => {
      expect(err(await app.api.accounts.update({ id: randomUUID(), patch: { city: 'X' } })).code).toBe('not_found')
      expect(err(await app.api.accounts.delete({ id: randomUUID() })).code).toBe('not_found')
      expect(err(await app.api.accounts.get({ id: randomUUID() })).code).toBe('not_found')
      expect(err(await app.dispatch('accounts.get', { id: 'not-a-uuid' })).code).toBe('invalid_input')
    })
  })

  it('get returns the account with its contacts, cases, comments and attachments', async () => {
    const a = ok(await app.api.accounts.create({ name: 'Acme' }))
    const other = ok(await app.api.accounts.create({ name: 'Other' }))
    const c = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace', account_id: a.id }))
    ok(await app.api.contacts.create({ first_name: 'Not', last_name: 'Mine', account_id: other.id }))
    const k = ok(await app.api.cases.create({ name: 'Broken pump', status: 'New', priority: 'High', account_id: a.id }))
    const note = ok(await app.api.comments.add({ parent: { type: 'account', id: a.id }, body: 'Called them' }))
    const file = join(app.dir, 'offer.pdf')
    await writeFile(file, 'pdf bytes')
    const att = ok(await app.api.attachments.add({ parent: { type: 'account', id: a.id }, source_path: app.chose(file) }))

    const detail = ok(await app.api.accounts.get({ id: a.id }))
    expect(detail.contacts.map((x) => x.id)).toEqual([c.id])
    expect(detail.cases.map((x) => x.id)).toEqual([k.id])
    expect(detail.timeline.map((e) => e.kind)).toEqual(['attachment', 'comment'])
    expect(detail.timeline[1]).toMatchObject({ comment: { id: note.id, body: 'Called them' } })
    expect(detail.timeline[0]).toMatchObject({ attachment: { id: att.id, file_name: 'offer.pdf' } })
  })

  it('get sends the first 50 cases and activity entries with how many more there are, and all of them when asked', async () => {
    const a = ok(await app.api.accounts.create({ name: 'Busy Buyers' }))
    for (let i = 1; i <= 60; i++) ok(await app.api.cases.create({ name: `Case ${i}`, status: 'New', priority: 'Normal', account_id: a.id }))
    for (let i = 1; i <= 55; i++) ok(await app.api.comments.add({ parent: { type: 'account', id: a.id }, body: `Note ${i}` }))
    // An internal note (as a pulled one could be) is shown apart, always whole: the oldest comment.
    app.data.services.db.sqlite.prepare("UPDATE comments SET is_internal = 1 WHERE body = 'Note 1'").run()

    const first = ok(await app.api.accounts.get({ id: a.id }))
    expect(first.cases.map((c) => c.name)).toEqual(Array.from({ length: 50 }, (_, i) => `Case ${60 - i}`))
    const bodies = first.timeline.map((e) => (e.kind === 'comment' ? e.comment.body : e.kind))
    expect(bodies).toEqual([...Array.from({ length: 50 }, (_, i) => `Note ${55 - i}`), 'Note 1'])
    expect(first.unsent).toEqual({ cases: 10, activity: 4 })

    const all = ok(await app.api.accounts.get({ id: a.id, all: true }))
    expect(all.cases).toHaveLength(60)
    expect(all.timeline).toHaveLength(55)
    expect(all.unsent).toEqual({ cases: 0, activity: 0 })
    expect(all.cases.slice(0, 50)).toEqual(first.cases)
  })

  it('get of a small account sends everything and says nothing is left', async () => {
    const a = ok(await app.api.accounts.create({ name: 'Small' }))
    ok(await app.api.cases.create({ name: 'One', status: 'New', priority: 'Normal', account_id: a.id }))
    expect(ok(await app.api.accounts.get({ id: a.id })).unsent).toEqual({ cases: 0, activity: 0 })
    expect(err(await app.api.accounts.get({ id: a.id, all: 'yes' } as never)).code).toBe('invalid_input')
  })

  it('delete removes the account with its cases and comments, keeps its contacts unlinked', async () => {
    const a = ok(await app.api.accounts.create({ name: 'Acme' }))
    const c = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace', account_id: a.id }))
    const k = ok(await app.api.cases.create({ name: 'Broken pump', status: 'New', priority: 'High', account_id: a.id, contact_ids: [c.id] }))
    ok(await app.api.comments.add({ parent: { type: 'case', id: k.id }, body: 'On it' }))
    ok(await app.api.comments.add({ parent: { type: 'account', id: a.id }, body: 'Hello' }))
    ok(await app.api.accounts.delete({ id: a.id }))

    expect(err(await app.api.cases.get({ id: k.id })).code).toBe('not_found')
    expect(ok(await app.api.contacts.get({ id: c.id })).contact.account_id).toBeNull()
    expect(rowCounts(app)).toMatchObject({ accounts: 0, cases: 0, comments: 0, case_contacts: 0, contacts: 1 })
    expect(outboxRows(app).at(-1)).toMatchObject({ entity: 'account', op: 'delete', record_id: a.id })
  })
})

describe('what deleting an account takes with it', () => {
  it('counts its cases with their timelines, its own timeline and the contacts it unlinks', async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    const other = ok(await app.api.accounts.create({ name: 'Other' }))
    const c1 = ok(await app.api.cases.create({ name: 'One', status: 'New', priority: 'Low', account_id: acme.id }))
    ok(await app.api.cases.create({ name: 'Two', status: 'New', priority: 'Low', account_id: acme.id }))
    ok(await app.api.cases.create({ name: 'Elsewhere', status: 'New', priority: 'Low', account_id: other.id }))
    ok(await app.api.comments.add({ parent: { type: 'case', id: c1.id }, body: 'a' }))
    ok(await app.api.comments.add({ parent: { type: 'case', id: c1.id }, body: 'b' }))
    ok(await app.api.comments.add({ parent: { type: 'account', id: acme.id }, body: 'c' }))
    ok(await app.api.contacts.create({ first_name: 'Ann', last_name: 'A', account_id: acme.id }))
    ok(await app.api.contacts.create({ first_name: 'Bob', last_name: 'B', account_id: other.id }))

    expect(ok(await app.api.accounts.deleteImpact({ id: acme.id }))).toEqual({
      cases: 2, caseComments: 2, caseAttachments: 0, comments: 1, attachments: 0, contacts: 1,
    })
    expect(err(await app.api.accounts.deleteImpact({ id: randomUUID() })).code).toBe('not_found')
  })
})
