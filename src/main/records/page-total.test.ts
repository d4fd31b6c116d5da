import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../shared/ipc/errors'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { totalFromLastPage } from './page-total'

describe('totalFromLastPage', () => {
  it('knows the total from a short page with rows, or a short first page; an empty later page must be counted', () => {
    expect(totalFromLastPage({ offset: 0, limit: 50 }, 3)).toBe(3)
    expect(totalFromLastPage({ offset: 0, limit: 50 }, 0)).toBe(0)
    expect(totalFromLastPage({ offset: 100, limit: 50 }, 7)).toBe(107)
    expect(totalFromLastPage({ offset: 0, limit: 50 }, 50)).toBeUndefined()
    expect(totalFromLastPage({ offset: 100, limit: 50 }, 0)).toBeUndefined()
  })
})

// Filters whose totals are not kept in list_totals, so each page either shows the end or is counted.
describe('list totals of filtered lists, at every page size and offset', () => {
  const MATCHES = 7
  let app: TempApp
  let acme: string
  beforeAll(async () => {
    app = await openTempApp()
    acme = ok(await app.api.accounts.create({ name: 'Acme holding', city: 'Oslo' })).id
    const other = ok(await app.api.accounts.create({ name: 'Other', city: 'Bergen' })).id
    for (let i = 1; i < MATCHES; i++) ok(await app.api.accounts.create({ name: `Acme ${i}`, city: 'Oslo' }))
    ok(await app.api.accounts.create({ name: 'Acme far away', city: 'Tromsø' }))
    for (let i = 0; i < MATCHES; i++) {
      ok(await app.api.contacts.create({ first_name: `Ada${i}`, last_name: `Lovelace${i}`, account_id: acme }))
      ok(await app.api.cases.create({ name: `Printer ${i}`, status: 'New', priority: 'Low', account_id: acme }))
    }
    ok(await app.api.contacts.create({ first_name: 'Not', last_name: 'Here', account_id: other }))
    ok(await app.api.cases.create({ name: 'Elsewhere', status: 'New', priority: 'Low', account_id: other }))
  })
  afterAll(async () => {
    await app.close()
  })

  type PageOf = (page: { limit: number; offset: number }) => Promise<Result<{ total: number; items: { id: string }[] }>>
  const lists: Record<'accounts' | 'contacts' | 'cases', PageOf> = {
    accounts: (page) => app.api.accounts.list({ name: 'acme', city: 'oslo', ...page }),
    contacts: (page) => app.api.contacts.list({ account_id: acme, ...page }),
    cases: (page) => app.api.cases.list({ account_id: acme, ...page }),
  }

  it.each(Object.keys(lists) as (keyof typeof lists)[])('%s', async (name) => {
    const all = ok(await lists[name]({ limit: 50, offset: 0 })).items.map((r) => r.id)
    expect(all).toHaveLength(MATCHES)
    for (let limit = 1; limit <= MATCHES + 1; limit++) {
      for (let offset = 0; offset <= MATCHES + 2; offset++) {
        const page = ok(await lists[name]({ limit, offset }))
        expect({ limit, offset, total: page.total }).toEqual({ limit, offset, total: MATCHES })
        expect(page.items.map((r) => r.id)).toEqual(all.slice(offset, offset + limit))
      }
    }
  })
})
