import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'

let app: TempApp
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
})
afterEach(async () => {
  await app?.close()
})

describe("Home's summary (home.summary)", () => {
  it('answers every card at once: open cases by priority, mine, what changed lately, what I viewed', async () => {
    const meId = app.data.services.meId
    const acme = ok(await app.api.accounts.create({ name: 'Acme' }))
    const ada = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Byron' }))
    for (let i = 1; i <= 5; i++) ok(await app.api.cases.create({ name: `Urgent ${i}`, status: 'New', priority: 'Urgent', account_id: acme.id }))
    ok(await app.api.cases.create({ name: 'Closed one', status: 'Closed', priority: 'Urgent', closed_on: '2026-01-01' }))
    const mine = ok(await app.api.cases.create({ name: 'Mine', status: 'Assigned', priority: 'Low', assignee_ids: [meId] }))
    ok(await app.api.recent.viewed({ type: 'contact', id: ada.id }))

    const summary = ok(await app.api.home.summary())
    expect(summary.byPriority.map((p) => [p.priority, p.total, p.top.map((c) => c.name)])).toEqual([
      ['Urgent', 5, ['Urgent 5', 'Urgent 4', 'Urgent 3', 'Urgent 2']],
      ['High', 0, []],
      ['Normal', 0, []],
      ['Low', 1, ['Mine']],
    ])
    expect(summary.byPriority[0]!.top[0]!.account_name).toBe('Acme')
    expect(summary.mine).toEqual({ total: 1, top: [expect.objectContaining({ id: mine.id, name: 'Mine' })], meId })
    // Newest first across kinds, the ten newest.
    expect(summary.recent.map((r) => `${r.type}:${r.title}`)).toEqual([
      'case:Mine', 'case:Closed one', 'case:Urgent 5', 'case:Urgent 4', 'case:Urgent 3', 'case:Urgent 2', 'contact:Ada Byron', 'account:Acme',
    ])
    expect(summary.viewed.map((r) => `${r.type}:${r.title}`)).toEqual(['contact:Ada Byron'])
  })

  it('gives the same cases and counts as the lists Home used to ask one by one', async () => {
    for (const [i, priority] of (['Low', 'Normal', 'High', 'Urgent', 'High'] as const).entries()) ok(await app.api.cases.create({ name: `Case ${i}`, status: 'Pending', priority }))
    const summary = ok(await app.api.home.summary())
    for (const p of summary.byPriority) {
      const page = ok(await app.api.cases.list({ open_only: true, priority: p.priority, sort: 'updated_at', direction: 'desc', limit: 4 }))
      expect({ total: p.total, top: p.top }).toEqual({ total: page.total, top: page.items })
    }
  })

  it('takes no payload', async () => {
    expect((await app.api.home.summary({ extra: 1 } as never)).ok).toBe(false)
  })
})
