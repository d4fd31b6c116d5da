import { describe, expect, it } from 'vitest'
import { caseActivitiesIn } from '../../shared/domain/case-activity'
import type { StatusChange } from '../../shared/domain/records'
import { ok } from '../../../test/support/temp-app'
import { syncRigsForTests } from '../../../test/fake-crm/rigs-for-tests'
import { startFakeCrm } from '../../../test/fake-crm/server'
import type { SyncRig } from '../../../test/fake-crm/harness'

// The server's case activities in a case's timeline, without the echoes of our own changes.

const rigs = syncRigsForTests()

async function historyOf(r: SyncRig, id: string): Promise<(StatusChange & { at: string })[]> {
  return ok(await r.app.api.cases.get({ id })).timeline.flatMap((e) => (e.kind === 'status' ? [{ at: e.at, ...e.change }] : []))
}

const serverCase = (r: SyncRig, name: string) => [...r.fake.data.records.case.values()].find((c) => c['name'] === name)!
const ADA = { id: '5f0c9d7e-1111-4a2b-8c3d-000000000001', user_details: { email: 'ada@example.com', profile_pic: null } }

describe('case activities from the server', () => {
  it('does not show the server echo of a status change made here, and keeps the local entry (who, when)', async () => {
    const r = await rigs.connected()
    const me = ok(await r.app.api.lookups.get()).me.name
    const kase = ok(await r.app.api.cases.create({ name: 'Broken hinge', status: 'New', priority: 'Normal' }))
    await r.engine.runOnce()
    ok(await r.app.api.cases.update({ id: kase.id, patch: { status: 'Closed', closed_on: '2026-12-03' } }))
    await r.engine.runOnce()
    await r.engine.runOnce()
    // The server has both rows (its CREATE and its STATUS_CHANGED)…
    const onServer = r.fake.data.activities.get(String(serverCase(r, 'Broken hinge')['id']))!
    expect(onServer.map((a) => a['action'])).toEqual(['CREATE', 'STATUS_CHANGED'])
    // …and here each is the local entry it echoes, matched by its id.
    const history = await historyOf(r, kase.id)
    expect(history.map((h) => [h.kind, h.before, h.after, h.by, h.origin])).toEqual([
      ['status', 'New', 'Closed', me, 'local'],
      ['created', null, 'New', me, 'local'],
    ])
    const matched = r.app.data.services.db.sqlite.prepare('SELECT remote_id FROM case_history ORDER BY seq').all()
    expect(matched).toEqual(onServer.map((a) => ({ remote_id: a['id'] })))
    // Pulled again: still no duplicate.
    await r.engine.runOnce()
    expect(await historyOf(r, kase.id)).toHaveLength(2)
  })

  it('shows a status change made on the server, with its author when the server names one', async () => {
    const r = await rigs.connected()
    const kase = ok(await r.app.api.cases.create({ name: 'Leaking valve', status: 'New', priority: 'High' }))
    await r.engine.runOnce()
    const rec = serverCase(r, 'Leaking valve')
    r.fake.data.update(r.fake.org.id, 'case', String(rec['id']), { status: 'Pending' }, false)
    r.fake.data.addActivity(rec, 'REOPENED', { comment_id: ADA.id, to_status: 'Assigned', days_since_close: 2 }, ADA)
    await r.engine.runOnce()
    const history = await historyOf(r, kase.id)
    expect(ok(await r.app.api.cases.get({ id: kase.id })).case.status).toBe('Pending')
    expect(history.map((h) => [h.kind, h.before, h.after, h.by, h.origin])).toEqual([
      ['reopened', null, 'Assigned', 'ada@example.com', 'server'],
      ['status', 'New', 'Pending', null, 'server'],
      ['created', null, 'New', expect.any(String), 'local'],
    ])
  })

  it('is not fooled by the same change made on the server before the one made here', async () => {
    const r = await rigs.connected()
    const kase = ok(await r.app.api.cases.create({ name: 'Door', status: 'New', priority: 'Low' }))
    await r.engine.runOnce()
    const rec = serverCase(r, 'Door')
    // Someone closed it on the server an hour ago; it was reopened there; then it is closed here, offline.
    r.fake.data.addActivity(rec, 'STATUS_CHANGED', { before: 'New', after: 'Closed' }, ADA, new Date(Date.now() - 3_600_000))
    ok(await r.app.api.cases.update({ id: kase.id, patch: { status: 'Closed', closed_on: '2026-12-03' } }))
    await r.engine.runOnce()
    await r.engine.runOnce()
    const history = await historyOf(r, kase.id)
    // Newest first: the server's close (an hour ago) is older than the case here.
    expect(history.map((h) => [h.kind, h.after, h.origin, h.by === 'ada@example.com'])).toEqual([
      ['status', 'Closed', 'local', false],
      ['created', 'New', 'local', false],
      ['status', 'Closed', 'server', true],
    ])
  })

  it('after connecting to another server, matches the changes made here to that server\'s echoes too', async () => {
    const r = await rigs.connected()
    const kase = ok(await r.app.api.cases.create({ name: 'Crane', status: 'New', priority: 'Low' }))
    await r.engine.runOnce()
    await r.engine.runOnce()
    const other = await startFakeCrm()
    try {
      ok(await r.app.api.sync.connectToken({ serverUrl: other.url, token: other.pat }))
      await r.engine.runOnce()
      await r.engine.runOnce()
      expect(other.data.records.case.size).toBe(1)
      const history = await historyOf(r, kase.id)
      expect(history.map((h) => [h.kind, h.origin])).toEqual([['created', 'local']])
    } finally {
      await other.close()
    }
  })

  it('leaves out malformed activities from a hostile server and keeps the good ones and the rest of the pull', async () => {
    const r = await rigs.connected()
    const kase = ok(await r.app.api.cases.create({ name: 'Gate', status: 'New', priority: 'Low' }))
    await r.engine.runOnce()
    const rec = serverCase(r, 'Gate')
    const rows = r.fake.data.activities.get(String(rec['id']))!
    const good = { id: 'a3b1c2d4-0000-4000-8000-00000000000a', action: 'STATUS_CHANGED', user: null, metadata: { before: 'New', after: 'Pending' }, created_at: '2026-12-03T10:00:00+05:30' }
    rows.push(
      { ...good, id: '../../etc/passwd' },
      { ...good, id: 'a3b1c2d4-0000-4000-8000-00000000000b', metadata: { before: 'New', after: 'Hacked' } },
      { ...good, id: 'a3b1c2d4-0000-4000-8000-00000000000c', created_at: 'yesterday' },
      { ...good, id: 'a3b1c2d4-0000-4000-8000-00000000000d', user: { user_details: { email: '<script>' } } },
      { ...good, id: 'a3b1c2d4-0000-4000-8000-00000000000e', metadata: null },
      'not an object' as never,
      good,
    )
    r.fake.data.update(r.fake.org.id, 'case', String(rec['id']), { description: 'changed' }, false)
    const round = await r.engine.runOnce()
    expect(round.pull?.updated).toBeGreaterThan(0)
    const history = await historyOf(r, kase.id)
    // Its time is read with its offset, kept in UTC.
    expect(history.map((h) => [h.kind, h.before, h.after, h.origin, h.at])).toEqual([
      ['created', null, 'New', 'local', expect.any(String)],
      ['status', 'New', 'Pending', 'server', '2026-12-03T04:30:00.000Z'],
    ])
  })
})

describe('caseActivitiesIn', () => {
  it('reads only a list, at most 100 rows, and only creation, status changes and reopens', () => {
    expect(caseActivitiesIn({ activities: 'x' })).toEqual([])
    expect(caseActivitiesIn(null)).toEqual([])
    const row = (i: number, action = 'STATUS_CHANGED') => ({
      id: `a3b1c2d4-0000-4000-8000-${String(i).padStart(12, '0')}`, action, user: null, metadata: { before: 'New', after: 'Closed' }, created_at: '2026-12-03T10:00:00Z',
    })
    expect(caseActivitiesIn({ activities: Array.from({ length: 500 }, (_, i) => row(i)) })).toHaveLength(100)
    expect(caseActivitiesIn({ activities: [row(1, 'ASSIGN'), row(2, 'COMMENT'), row(3, 'CREATE')] }).map((a) => a.kind)).toEqual(['created'])
  })
})
