import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CaseListQuery } from '../../shared/domain/cases'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { insertTeam, insertUser, outboxRows, rowCounts } from '../../../test/unit/core/db-state'

let app: TempApp
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
})
afterEach(async () => {
  await app.close()
})

const pump = { name: 'Broken pump', status: 'New', priority: 'High' } as const

describe('cases', () => {
  it('creates a case with its account, contacts and relations, and reads it back', async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    const ada = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace' }))
    const urgent = ok(await app.api.tags.create({ name: 'Urgent' }))
    const ana = insertUser(app, randomUUID(), 'Ana')
    const team = insertTeam(app, randomUUID(), 'Support')
    const k = ok(
      await app.api.cases.create({
        ...pump, case_type: 'Incident', account_id: acme.id, contact_ids: [ada.id, ada.id],
        tag_ids: [urgent.id], assignee_ids: [ana], team_ids: [team], description: 'Leaks oil',
      }),
    )
    expect(k).toMatchObject({ name: 'Broken pump', status: 'New', priority: 'High', case_type: 'Incident', closed_on: null, account_id: acme.id, version: 1 })
    const detail = ok(await app.api.cases.get({ id: k.id }))
    expect(detail.account).toEqual({ id: acme.id, name: 'Acme' })
    expect(detail.contacts.map((c) => c.id)).toEqual([ada.id])
    expect(detail.case.tags.map((t) => t.id)).toEqual([urgent.id])
    expect(detail.case.assignees.map((u) => u.id)).toEqual([ana])
    expect(detail.case.teams.map((t) => t.id)).toEqual([team])
    expect(ok(await app.api.accounts.list({})).items[0]).toMatchObject({ open_case_count: 1 })
  })

  describe('refuses bad input with field messages and writes nothing', () => {
    it.each([
      ['no status', { name: 'X', priority: 'Low' }, 'status'],
      ['an unknown status', { name: 'X', status: 'Open', priority: 'Low' }, 'status'],
      ['an unknown priority', { name: 'X', status: 'New', priority: 'Critical' }, 'priority'],
      ['an unknown type', { ...pump, case_type: 'Bug' }, 'case_type'],
      ['a name over 64 characters', { ...pump, name: 'x'.repeat(65) }, 'name'],
      ['a closing date that is not a date', { ...pump, closed_on: '31/12/2026' }, 'closed_on'],
      ['closed without a closing date', { ...pump, status: 'Closed' }, 'closed_on'],
      ['closed with a null closing date', { ...pump, status: 'Closed', closed_on: null }, 'closed_on'],
    ])('%s', async (_label, payload, field) => {
      const before = rowCounts(app)
      const e = err(await app.dispatch('cases.create', payload))
      expect(e.code).toBe('invalid_input')
      expect(e.fields?.[field]?.length).toBeGreaterThan(0)
      expect(rowCounts(app)).toEqual(before)
    })

    it('unknown account, contact, tag, assignee or team ids', async () => {
      const before = rowCounts(app)
      expect(err(await app.api.cases.create({ ...pump, account_id: randomUUID() })).code).toBe('not_found')
      for (const field of ['contact_ids', 'tag_ids', 'assignee_ids', 'team_ids'] as const) {
        const e = err(await app.api.cases.create({ ...pump, [field]: [randomUUID()] }))
        expect(e.code).toBe('invalid_input')
        expect(e.fields?.[field]?.length).toBe(1)
      }
      expect(rowCounts(app)).toEqual(before)
    })

    it('a closed case with its date is accepted', async () => {
      expect(ok(await app.api.cases.create({ ...pump, status: 'Closed', closed_on: '2026-03-01' }))).toMatchObject({ status: 'Closed', closed_on: '2026-03-01' })
    })
  })

  describe('the closing date rule on update is checked on the merged record', () => {
    it('refuses closing without a date, and clearing the date of a closed case', async () => {
      const k = ok(await app.api.cases.create(pump))
      const before = rowCounts(app)
      const e = err(await app.api.cases.update({ id: k.id, patch: { status: 'Closed' } }))
      expect(e).toMatchObject({ code: 'invalid_input', fields: { closed_on: [expect.stringMatching(/closing date/)] } })
      expect(rowCounts(app)).toEqual(before)

      // A date set earlier makes a later status-only close fine.
      ok(await app.api.cases.update({ id: k.id, patch: { closed_on: '2026-02-02' } }))
      const closed = ok(await app.api.cases.update({ id: k.id, patch: { status: 'Closed' } }))
      expect(closed).toMatchObject({ status: 'Closed', closed_on: '2026-02-02', version: 3 })

      const afterClose = rowCounts(app)
      expect(err(await app.api.cases.update({ id: k.id, patch: { closed_on: null } })).code).toBe('invalid_input')
      expect(rowCounts(app)).toEqual(afterClose)
      // Reopening and clearing the date together is fine.
      expect(ok(await app.api.cases.update({ id: k.id, patch: { status: 'Pending', closed_on: null } }))).toMatchObject({ status: 'Pending', closed_on: null })
    })

    it('clears the closing date on reopen, as the server does, and sends that with the change', async () => {
      const k = ok(await app.api.cases.create({ ...pump, status: 'Closed', closed_on: '2026-02-02' }))
      const reopened = ok(await app.api.cases.update({ id: k.id, patch: { status: 'New' } }))
      expect(reopened).toMatchObject({ status: 'New', closed_on: null })
      expect(outboxRows(app).at(-1)?.fields).toEqual(expect.arrayContaining(['status', 'closed_on']))
    })
  })

  describe('names are unique ignoring case', () => {
    it('on create and on update', async () => {
      ok(await app.api.cases.create({ ...pump, name: 'Überhitzung' }))
      const before = rowCounts(app)
      expect(err(await app.api.cases.create({ ...pump, name: 'ÜBERHITZUNG' }))).toMatchObject({ code: 'conflict', fields: { name: [expect.stringMatching(/already exists/)] } })
      expect(rowCounts(app)).toEqual(before)
      const other = ok(await app.api.cases.create({ ...pump, name: 'Other' }))
      expect(err(await app.api.cases.update({ id: other.id, patch: { name: 'überhitzung' } })).code).toBe('conflict')
      expect(ok(await app.api.cases.update({ id: other.id, patch: { name: 'OTHER' } })).name).toBe('OTHER')
    })
  })

  describe('partial update', () => {
    it('changes only the given fields, bumps the version once and names only what changed', async () => {
      const ada = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace' }))
      const bob = ok(await app.api.contacts.create({ first_name: 'Bob', last_name: 'B' }))
      const k = ok(await app.api.cases.create({ ...pump, contact_ids: [ada.id], description: 'Leaks' }))
      const u = ok(await app.api.cases.update({ id: k.id, patch: { priority: 'Urgent', description: 'Leaks', contact_ids: [ada.id, bob.id] } }))
      expect(u).toEqual({ ...k, priority: 'Urgent', version: 2, updated_at: u.updated_at })
      expect(outboxRows(app).at(-1)).toMatchObject({ op: 'update', record_id: k.id, fields: ['priority', 'contact_ids'] })
      expect(ok(await app.api.cases.get({ id: k.id })).contacts.map((c) => c.id).sort()).toEqual([ada.id, bob.id].sort())

      // Contacts alone are a change too, counted once.
      const v = ok(await app.api.cases.update({ id: k.id, patch: { contact_ids: [bob.id] } }))
      expect(v.version).toBe(3)
      expect(outboxRows(app).at(-1)).toMatchObject({ op: 'update', fields: ['contact_ids'] })
      expect(ok(await app.api.cases.get({ id: k.id })).contacts.map((c) => c.id)).toEqual([bob.id])
    })

    it('a no-op update changes nothing', async () => {
      const ada = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace' }))
      const k = ok(await app.api.cases.create({ ...pump, contact_ids: [ada.id] }))
      const before = rowCounts(app)
      for (const patch of [{}, { status: 'New' as const }, { contact_ids: [ada.id] }, { name: 'Broken pump', case_type: null }]) {
        expect(ok(await app.api.cases.update({ id: k.id, patch }))).toEqual(k)
      }
      expect(rowCounts(app)).toEqual(before)
    })

    it('refuses an unknown contact on update and keeps the old links', async () => {
      const ada = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace' }))
      const k = ok(await app.api.cases.create({ ...pump, contact_ids: [ada.id] }))
      const before = rowCounts(app)
      expect(err(await app.api.cases.update({ id: k.id, patch: { priority: 'Low', contact_ids: [randomUUID()] } })).code).toBe('invalid_input')
      expect(rowCounts(app)).toEqual(before)
      expect(ok(await app.api.cases.get({ id: k.id }))).toMatchObject({ case: { priority: 'High', version: 1 }, contacts: [{ id: ada.id }] })
    })

    it('answers not_found for a case that does not exist', async () => {
      expect(err(await app.api.cases.update({ id: randomUUID(), patch: { priority: 'Low' } })).code).toBe('not_found')
      expect(err(await app.api.cases.delete({ id: randomUUID() })).code).toBe('not_found')
    })
  })

  it('delete removes the case and its comments, records the delete', async () => {
    const k = ok(await app.api.cases.create(pump))
    ok(await app.api.comments.add({ parent: { type: 'case', id: k.id }, body: 'Looking' }))
    ok(await app.api.cases.delete({ id: k.id }))
    expect(rowCounts(app)).toMatchObject({ cases: 0, comments: 0 })
    expect(outboxRows(app).at(-1)).toMatchObject({ entity: 'case', op: 'delete', record_id: k.id })
  })
})

describe('cases.list', () => {
  it('filters by name, status, open_only, priority, type, assignee and account; sorts; pages', async () => {
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    const ana = insertUser(app, randomUUID(), 'Ana')
    const rows = [
      { name: 'Pump leaks', status: 'New', priority: 'High', case_type: 'Incident', account_id: acme.id, assignee_ids: [ana] },
      { name: 'Invoice question', status: 'Assigned', priority: 'Low', case_type: 'Question' },
      { name: 'Pump noise', status: 'Pending', priority: 'Urgent', case_type: 'Problem', account_id: acme.id },
      { name: 'Old pump', status: 'Closed', priority: 'Normal', closed_on: '2026-01-05', assignee_ids: [ana] },
      { name: 'Spam', status: 'Rejected', priority: 'Low' },
      { name: 'Archived pump', status: 'New', priority: 'Low', is_active: false },
    ] as const
    for (const row of rows) ok(await app.api.cases.create(row as never))
    const names = async (query: CaseListQuery) => ok(await app.api.cases.list(query)).items.map((c) => c.name)

    // Default: active cases, oldest first.
    expect(await names({})).toEqual(['Pump leaks', 'Invoice question', 'Pump noise', 'Old pump', 'Spam'])
    expect(await names({ name: 'PUMP' })).toEqual(['Pump leaks', 'Pump noise', 'Old pump'])
    expect(await names({ name: 'pump', state: 'all' })).toEqual(['Pump leaks', 'Pump noise', 'Old pump', 'Archived pump'])
    expect(await names({ status: ['Closed', 'Rejected'] })).toEqual(['Old pump', 'Spam'])
    expect(await names({ status: [] })).toEqual([])
    expect(await names({ open_only: true })).toEqual(['Pump leaks', 'Invoice question', 'Pump noise'])
    expect(await names({ open_only: true, status: ['New', 'Closed'] })).toEqual(['Pump leaks'])
    expect(await names({ priority: 'Low' })).toEqual(['Invoice question', 'Spam'])
    expect(await names({ case_type: 'Problem' })).toEqual(['Pump noise'])
    expect(await names({ assignee_id: ana })).toEqual(['Pump leaks', 'Old pump'])
    expect(await names({ account_id: acme.id, open_only: true, priority: 'Urgent' })).toEqual(['Pump noise'])

    // Urgent first by the server's order, not the alphabet; ties newest first when descending.
    expect(await names({ sort: 'priority', direction: 'desc' })).toEqual(['Pump noise', 'Pump leaks', 'Old pump', 'Spam', 'Invoice question'])
    expect(await names({ sort: 'priority' })).toEqual(['Invoice question', 'Spam', 'Old pump', 'Pump leaks', 'Pump noise'])
    expect(await names({ sort: 'name' })).toEqual(['Invoice question', 'Old pump', 'Pump leaks', 'Pump noise', 'Spam'])
    expect(await names({ sort: 'created_at', direction: 'desc' })).toEqual(['Spam', 'Old pump', 'Pump noise', 'Invoice question', 'Pump leaks'])

    const page = ok(await app.api.cases.list({ limit: 2, offset: 2 }))
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 2 })
    expect(page.items.map((c) => c.name)).toEqual(['Pump noise', 'Old pump'])
    const first = ok(await app.api.cases.list({ name: 'leaks' })).items[0]
    expect(first).toMatchObject({ account_name: 'Acme', assignees: [{ id: ana, name: 'Ana' }], tags: [] })
    expect(err(await app.dispatch('cases.list', { status: ['Open'] })).code).toBe('invalid_input')
  })
})
