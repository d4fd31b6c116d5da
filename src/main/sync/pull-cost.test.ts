import { describe, expect, it } from 'vitest'
import { ok } from '../../../test/support/temp-app'
import { syncRigsForTests } from '../../../test/fake-crm/rigs-for-tests'
import { faultOn } from '../../../test/fake-crm/faults'
import { syncDb } from './schema'

// The real server's case list is slow and hides cases: it leaves out
// Duplicate and merged ones unless show_merged=true, and without slim=true
// every page repeats every account and contact of the org.

const { open, connected } = syncRigsForTests()

describe('listing cases', () => {
  it('asks for slim pages with Duplicate and merged cases, so those come down with their comments', async () => {
    const r = await connected()
    const { data, org } = r.fake
    const dup = (data.create(org.id, 'case', { name: 'Twice reported', status: 'Duplicate', priority: 'Low' }, 'u')[1] as { id: string }).id
    data.addToRecord(org.id, 'case', dup, { comment: 'same as the other one' }, 'u')
    data.create(org.id, 'case', { name: 'Plain', status: 'New', priority: 'Low' }, 'u')
    r.fake.urls.length = 0
    await r.engine.runOnce()
    const cases = ok(await r.app.api.cases.list({ state: 'all' })).items
    expect(cases.map((c) => [c.name, c.status]).sort()).toEqual([['Plain', 'New'], ['Twice reported', 'Duplicate']])
    const detail = ok(await r.app.api.cases.get({ id: cases.find((c) => c.status === 'Duplicate')!.id }))
    expect(detail.timeline.map((t) => (t.kind === 'comment' ? t.comment.body : t.kind)).filter((t) => t !== 'status')).toEqual(['same as the other one'])
    const lists = r.fake.urls.filter((u) => u.startsWith('GET /api/cases/?'))
    expect(lists.length).toBeGreaterThan(0)
    for (const url of lists) expect(new URLSearchParams(url.split('?')[1]).get('slim'), url).toBe('true')
  })

  it('finds a Duplicate case whose create answer was lost, instead of posting it again and failing', async () => {
    const r = await connected()
    ok(await r.app.api.cases.create({ name: 'Lost answer', status: 'Duplicate', priority: 'High' }))
    r.fake.setFaults(faultOn('POST', '/api/cases/', 'reset-after'))
    await r.engine.runOnce(false)
    r.fake.setFaults(null)
    await r.engine.runOnce(false)
    expect(ok(await r.app.api.sync.issues()).failed).toEqual([])
    expect(await r.outboxCount()).toBe(0)
    expect([...r.fake.data.records.case.values()].map((c) => c['name'])).toEqual(['Lost answer'])
    const local = await syncDb(r.app.data.services.db).selectFrom('cases').select('remote_id').executeTakeFirstOrThrow()
    expect(local.remote_id).toBe([...r.fake.data.records.case.keys()][0])
  })
})

describe('reading comments and attachments', () => {
  it('on a periodic round reads them only for records whose list entry changed; a sweep reads them all', async () => {
    const r = await open({ fullEveryMs: 0, sweepEveryMs: 60 * 60_000 })
    const { data, org } = r.fake
    const ids = Array.from({ length: 5 }, (_, i) => (data.create(org.id, 'account', { name: `Quiet ${i}` }, 'u')[1] as { id: string }).id)
    ok(await r.app.api.sync.connectToken({ serverUrl: r.fake.url, token: r.fake.pat }))
    await r.engine.runOnce()
    const detailReads = () => r.fake.log.filter((l) => /^GET \/api\/accounts\/[0-9a-f-]{36}\/$/.test(l)).length
    r.fake.log.length = 0
    // fullEveryMs 0: this round reads details, but nothing changed.
    await r.engine.runOnce(false)
    expect(detailReads()).toBe(0)
    data.update(org.id, 'account', ids[2]!, { city: 'Changed' }, false)
    data.addToRecord(org.id, 'account', ids[2]!, { comment: 'with the edit' }, 'u')
    await r.engine.runOnce(false)
    expect(detailReads()).toBe(1)
    const changed = ok(await r.app.api.accounts.list({ name: 'Quiet 2' })).items[0]!
    expect(ok(await r.app.api.accounts.get({ id: changed.id })).timeline.map((t) => (t.kind === 'comment' ? t.comment.body : t.kind))).toEqual(['with the edit'])
    r.fake.log.length = 0
    await r.engine.runOnce()
    expect(detailReads()).toBe(5)
  })
})
