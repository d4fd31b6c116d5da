import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountListQuery } from '../../shared/domain/accounts'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { insertUser } from '../../../test/unit/core/db-state'

// One shared data set, read-only for every test below.
let app: TempApp
let vip: string
let partner: string
let ana: string
const id: Record<string, string> = {}

beforeAll(async () => {
  app = await openTempApp({ clock: steppingClock() })
  vip = ok(await app.api.tags.create({ name: 'VIP' })).id
  partner = ok(await app.api.tags.create({ name: 'Partner' })).id
  ana = insertUser(app, randomUUID(), 'Ana')
  const rows = [
    { name: 'Acme Berlin', city: 'Berlin', industry: 'SOFTWARE', tag_ids: [vip] },
    { name: 'acme münchen', city: 'München', industry: 'SOFTWARE', assignee_ids: [ana] },
    { name: 'Beta Foods', city: 'BERLIN', industry: 'FOOD & BEVERAGE', tag_ids: [partner] },
    { name: 'Nord Ärzte', city: 'MÜNCHEN', industry: 'HEALTHCARE', tag_ids: [vip, partner], assignee_ids: [ana] },
    { name: '100% Organic', city: 'Hamburg', industry: 'AGRICULTURE' },
    { name: 'Under_score Ltd', city: null, industry: null },
    { name: 'Closed Co', city: 'Berlin', industry: 'SOFTWARE', is_active: false, tag_ids: [vip] },
  ] as const
  for (const row of rows) id[row.name] = ok(await app.api.accounts.create(row as never)).id
})
afterAll(async () => {
  await app.close()
})

async function names(query: AccountListQuery): Promise<string[]> {
  return ok(await app.api.accounts.list(query)).items.map((a) => a.name)
}

describe('accounts.list', () => {
  it('lists active accounts by name by default, with the total', async () => {
    const page = ok(await app.api.accounts.list({}))
    expect(page.items.map((a) => a.name)).toEqual(['100% Organic', 'Acme Berlin', 'acme münchen', 'Beta Foods', 'Nord Ärzte', 'Under_score Ltd'])
    expect(page).toMatchObject({ total: 6, limit: 50, offset: 0 })
  })

  it('splits active and closed, or shows all', async () => {
    expect(await names({ state: 'closed' })).toEqual(['Closed Co'])
    expect(ok(await app.api.accounts.list({ state: 'all' })).total).toBe(7)
  })

  it('filters by part of the name, ignoring case in any script', async () => {
    expect(await names({ name: 'ACME' })).toEqual(['Acme Berlin', 'acme münchen'])
    expect(await names({ name: 'MÜNCH' })).toEqual(['acme münchen'])
    expect(await names({ name: 'ärzte' })).toEqual(['Nord Ärzte'])
    expect(await names({ name: '  nord ' })).toEqual(['Nord Ärzte'])
  })

  it('treats % and _ in a filter as the characters themselves', async () => {
    expect(await names({ name: '%' })).toEqual(['100% Organic'])
    expect(await names({ name: '_' })).toEqual(['Under_score Ltd'])
    expect(await names({ name: 'r%s' })).toEqual([])
    expect(await names({ name: '\\' })).toEqual([])
  })

  it('filters by city, any case, in any script', async () => {
    expect(await names({ city: 'berlin' })).toEqual(['Acme Berlin', 'Beta Foods'])
    expect(await names({ city: 'münchen' })).toEqual(['acme münchen', 'Nord Ärzte'])
    expect(await names({ city: 'ERL', state: 'all' })).toEqual(['Acme Berlin', 'Beta Foods', 'Closed Co'])
  })

  it('filters by industry, tags (any of) and assignee, combined with AND', async () => {
    expect(await names({ industry: 'SOFTWARE' })).toEqual(['Acme Berlin', 'acme münchen'])
    expect(await names({ tag_ids: [vip] })).toEqual(['Acme Berlin', 'Nord Ärzte'])
    expect(await names({ tag_ids: [vip, partner] })).toEqual(['Acme Berlin', 'Beta Foods', 'Nord Ärzte'])
    expect(await names({ assignee_id: ana })).toEqual(['acme münchen', 'Nord Ärzte'])
    expect(await names({ assignee_id: ana, tag_ids: [partner], city: 'münchen' })).toEqual(['Nord Ärzte'])
    expect(await names({ industry: 'SOFTWARE', state: 'closed', tag_ids: [vip] })).toEqual(['Closed Co'])
    expect(await names({ tag_ids: [randomUUID()] })).toEqual([])
  })

  it('returns the tags and counts of each row', async () => {
    const k = ok(await app.api.accounts.list({ name: 'ÄRZTE' })).items[0]!
    expect(k.tags.map((t) => t.name)).toEqual(['Partner', 'VIP'])
    expect(k).toMatchObject({ contact_count: 0, open_case_count: 0 })
  })

  it('sorts by any sort column, both ways, with a stable tie-break', async () => {
    expect(await names({ sort: 'name', direction: 'desc' })).toEqual(['Under_score Ltd', 'Nord Ärzte', 'Beta Foods', 'acme münchen', 'Acme Berlin', '100% Organic'])
    expect(await names({ sort: 'created_at', direction: 'desc', limit: 2 })).toEqual(['Under_score Ltd', '100% Organic'])
    const byIndustry = await names({ sort: 'industry' })
    expect(byIndustry).toEqual(['Under_score Ltd', '100% Organic', 'Beta Foods', 'Nord Ärzte', 'Acme Berlin', 'acme münchen'])
  })

  it('pages with limit and offset; the total counts every match, not the page', async () => {
    const seen: string[] = []
    for (let offset = 0; offset < 6; offset += 4) {
      const page = ok(await app.api.accounts.list({ limit: 4, offset }))
      expect(page).toMatchObject({ total: 6, limit: 4, offset })
      seen.push(...page.items.map((a) => a.name))
    }
    expect(seen).toEqual(await names({}))
    const past = ok(await app.api.accounts.list({ offset: 100 }))
    expect(past).toMatchObject({ items: [], total: 6 })
    expect(ok(await app.api.accounts.list({ name: 'acme', limit: 1 }))).toMatchObject({ total: 2, items: [{ name: 'Acme Berlin' }] })
  })

  it('refuses a bad query', async () => {
    for (const query of [{ limit: 0 }, { limit: 501 }, { offset: -1 }, { sort: 'email' }, { state: 'gone' }, { industry: 'x' }, { name: 'x'.repeat(201) }, { nope: 1 }]) {
      expect(err(await app.dispatch('accounts.list', query)).code).toBe('invalid_input')
    }
  })
})
