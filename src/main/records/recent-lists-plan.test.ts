import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordStatements } from '../../../bench/recorded-sql'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

// Home's lists (migrations/0015): what changed lately and each priority's
// latest open cases are read along an index in their order and stop at their
// limit. Sorting instead ("TEMP B-TREE") read every contact, or every open case
// of a priority, for 4 to 6 rows: 0.2 to 0.9 s each on the benchmark's database.

let app: TempApp

beforeAll(async () => {
  app = await openTempApp()
  const account = ok(await app.api.accounts.create({ name: 'Nordwind GmbH' }))
  ok(await app.api.contacts.create({ first_name: 'Anna', last_name: 'Berg', account_id: account.id }))
  ok(await app.api.cases.create({ name: 'Scanner down', status: 'New', priority: 'Urgent', account_id: account.id }))
})

afterAll(async () => {
  await app.close()
})

/** The query plan of every statement reading the list's page. */
async function pagePlans(channel: string, payload: unknown): Promise<string[]> {
  const sqlite = app.data.services.db.sqlite
  const { result, statements } = await recordStatements(sqlite, () => app.dispatch(channel, payload))
  expect(result.ok).toBe(true)
  return statements
    .filter((s) => s.reader && /\bfrom "(contacts|cases|accounts)"/.test(s.sql) && /order by/.test(s.sql) && !/json_each/.test(s.sql))
    .map((s) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(s.params) as { detail: string }[]).map((r) => r.detail).join(' | '))
}

describe("Home's lists", () => {
  it.each([
    ['contacts.list', { sort: 'updated_at', direction: 'desc', limit: 6, state: 'all' }, 'contacts_by_updated'],
    ['cases.list', { sort: 'updated_at', direction: 'desc', limit: 6, state: 'all' }, 'cases_by_updated'],
    ['accounts.list', { sort: 'updated_at', direction: 'desc', limit: 6, state: 'all' }, 'accounts_by_updated'],
    ['cases.list', { open_only: true, priority: 'Urgent', sort: 'updated_at', direction: 'desc', limit: 4 }, 'cases_by_active_priority_updated'],
  ])('%s %j reads its page along %s, without sorting', async (channel, payload, index) => {
    const plans = await pagePlans(channel, payload)
    expect(plans.length).toBeGreaterThan(0)
    for (const plan of plans) {
      expect(plan).toContain(index)
      expect(plan).not.toContain('TEMP B-TREE')
    }
  })
})
