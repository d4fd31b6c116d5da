import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../db/connection'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

// List totals come from list_totals (kept by triggers) when the filter allows;
// they must always equal a real count, through creates, edits, archiving and
// cascading deletes.

let app: TempApp
beforeEach(async () => {
  app = await openTempApp()
})
afterEach(async () => {
  await app.close()
})

const count = (db: Db, sql: string, ...params: unknown[]) => (db.sqlite.prepare(sql).get(...params) as { n: number }).n

async function expectTotalsMatchCounts() {
  const db = app.data.services.db
  for (const state of ['active', 'closed', 'all'] as const) {
    const where = state === 'all' ? '1' : `is_active = ${state === 'active' ? 1 : 0}`
    expect(ok(await app.api.accounts.list({ state })).total, `accounts ${state}`).toBe(count(db, `SELECT count(*) AS n FROM accounts WHERE ${where}`))
    expect(ok(await app.api.accounts.list({ state, industry: 'SOFTWARE' })).total).toBe(count(db, `SELECT count(*) AS n FROM accounts WHERE ${where} AND industry = 'SOFTWARE'`))
    expect(ok(await app.api.contacts.list({ state })).total, `contacts ${state}`).toBe(count(db, `SELECT count(*) AS n FROM contacts WHERE ${where}`))
    expect(ok(await app.api.cases.list({ state })).total, `cases ${state}`).toBe(count(db, `SELECT count(*) AS n FROM cases WHERE ${where}`))
    expect(ok(await app.api.cases.list({ state, open_only: true })).total).toBe(count(db, `SELECT count(*) AS n FROM cases WHERE ${where} AND status IN ('New', 'Assigned', 'Pending')`))
    expect(ok(await app.api.cases.list({ state, status: ['Closed', 'New'], priority: 'High' })).total).toBe(
      count(db, `SELECT count(*) AS n FROM cases WHERE ${where} AND status IN ('Closed', 'New') AND priority = 'High'`),
    )
    expect(ok(await app.api.cases.list({ state, open_only: true, status: ['Closed'] })).total).toBe(0)
  }
}

describe('list totals', () => {
  it('stay exact through creates, edits, archiving and cascading deletes', async () => {
    await expectTotalsMatchCounts()
    const a = ok(await app.api.accounts.create({ name: 'Alpen Software AG', industry: 'SOFTWARE' }))
    const b = ok(await app.api.accounts.create({ name: 'Nordic Foods', is_active: false }))
    ok(await app.api.accounts.create({ name: 'Unclassified Ltd' }))
    const c = ok(await app.api.contacts.create({ first_name: 'Anna', last_name: 'Müller', account_id: a.id }))
    ok(await app.api.contacts.create({ first_name: 'Ben', last_name: 'Weber', is_active: false }))
    const k1 = ok(await app.api.cases.create({ name: 'Scanner broken', status: 'New', priority: 'High', account_id: a.id }))
    ok(await app.api.cases.create({ name: 'Invoice wrong', status: 'Closed', priority: 'High', closed_on: '2026-01-02', account_id: a.id }))
    ok(await app.api.cases.create({ name: 'Login fails', status: 'Pending', priority: 'Low', account_id: b.id }))
    await expectTotalsMatchCounts()
    // The per-row counts of a page are counted for the page's accounts only; they must match too.
    const db = app.data.services.db
    for (const filter of [{ state: 'all' as const }, { state: 'all' as const, name: 'nordic' }]) {
      for (const item of ok(await app.api.accounts.list(filter)).items) {
        expect(item.contact_count, item.name).toBe(count(db, 'SELECT count(*) AS n FROM contacts WHERE account_id = ?', item.id))
        expect(item.open_case_count, item.name).toBe(count(db, `SELECT count(*) AS n FROM cases WHERE account_id = ? AND status IN ('New', 'Assigned', 'Pending')`, item.id))
      }
    }
    expect(ok(await app.api.accounts.list({ name: 'alpen' })).items[0]).toMatchObject({ contact_count: 1, open_case_count: 1 })

    ok(await app.api.accounts.update({ id: a.id, patch: { industry: 'BANKING' } }))
    ok(await app.api.accounts.update({ id: b.id, patch: { is_active: true, industry: 'SOFTWARE' } }))
    ok(await app.api.contacts.update({ id: c.id, patch: { is_active: false } }))
    ok(await app.api.cases.update({ id: k1.id, patch: { status: 'Closed', closed_on: '2026-02-03', priority: 'Urgent' } }))
    ok(await app.api.cases.update({ id: k1.id, patch: { is_active: false } }))
    await expectTotalsMatchCounts()

    // Deleting an account cascades to its cases; the contact's account is cleared.
    ok(await app.api.accounts.delete({ id: a.id }))
    ok(await app.api.contacts.delete({ id: c.id }))
    await expectTotalsMatchCounts()
    expect(ok(await app.api.cases.list({ state: 'all' })).total).toBe(1)
  })
})
