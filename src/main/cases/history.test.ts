import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StatusChange, TimelineEntry } from '../../shared/domain/records'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { outboxRows } from '../../../test/unit/core/db-state'

let app: TempApp
let me: string
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
  me = ok(await app.api.lookups.get()).me.name
})
afterEach(async () => {
  await app.close()
})

const history = (timeline: TimelineEntry[]) =>
  timeline.flatMap((e) => (e.kind === 'status' ? [{ at: e.at, ...e.change } as StatusChange & { at: string }] : []))
const changesOf = async (id: string) => history(ok(await app.api.cases.get({ id })).timeline).map((c) => [c.kind, c.before, c.after, c.by])

describe('a case status history', () => {
  it('records the creation and every status change, by the local user, at the moment of the change', async () => {
    const kase = ok(await app.api.cases.create({ name: 'Hinge', status: 'New', priority: 'Low' }))
    const closed = ok(await app.api.cases.update({ id: kase.id, patch: { status: 'Closed', closed_on: '2026-01-03' } }))
    const timeline = ok(await app.api.cases.get({ id: kase.id })).timeline
    // Newest first, like the rest of the timeline.
    expect(history(timeline).map((c) => [c.kind, c.before, c.after, c.by, c.origin])).toEqual([
      ['status', 'New', 'Closed', me, 'local'],
      ['created', null, 'New', me, 'local'],
    ])
    expect(history(timeline)[0]!.at).toBe(closed.updated_at)
    // The change syncs as an ordinary case update.
    expect(outboxRows(app).at(-1)).toMatchObject({ entity: 'case', record_id: kase.id, op: 'update', fields: ['status', 'closed_on'] })
  })

  it('keeps the reopen rule: the reopened case drops its closing date, and the reopen is in the history', async () => {
    const kase = ok(await app.api.cases.create({ name: 'Hinge', status: 'Closed', closed_on: '2026-01-02', priority: 'Low' }))
    const reopened = ok(await app.api.cases.update({ id: kase.id, patch: { status: 'Assigned' } }))
    expect(reopened.closed_on).toBeNull()
    expect(await changesOf(kase.id)).toEqual([
      ['status', 'Closed', 'Assigned', me],
      ['created', null, 'Closed', me],
    ])
  })

  it('adds nothing for an edit that leaves the status, nor for a refused change', async () => {
    const kase = ok(await app.api.cases.create({ name: 'Hinge', status: 'New', priority: 'Low' }))
    ok(await app.api.cases.update({ id: kase.id, patch: { priority: 'High', status: 'New' } }))
    expect(err(await app.api.cases.update({ id: kase.id, patch: { status: 'Closed' } })).code).toBe('invalid_input')
    expect(await changesOf(kase.id)).toEqual([['created', null, 'New', me]])
  })

  it('is written in the transaction of the change: a history that cannot be written leaves the case and the outbox as they were', async () => {
    const kase = ok(await app.api.cases.create({ name: 'Hinge', status: 'New', priority: 'Low' }))
    const outbox = outboxRows(app).length
    app.data.services.db.sqlite.exec(`CREATE TEMP TRIGGER no_history BEFORE INSERT ON case_history BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`)
    err(await app.api.cases.update({ id: kase.id, patch: { status: 'Pending' } }))
    expect(ok(await app.api.cases.get({ id: kase.id })).case.status).toBe('New')
    expect(outboxRows(app)).toHaveLength(outbox)
  })

  it('records cases created by a CSV import', async () => {
    const file = join(app.dir, 'cases.csv')
    await writeFile(file, 'name,status,priority\nFirst,New,Low\nSecond,Pending,High\n')
    app.chose(file)
    const result = ok(await app.api.import.run({ kind: 'cases', source_path: file, has_header: true, import_id: randomUUID(), mapping: ['name', 'status', 'priority'] }))
    expect(result).toEqual({ imported: true, created: 2 })
    const second = ok(await app.api.cases.list({ name: 'Second' })).items[0]!
    expect(await changesOf(second.id)).toEqual([['created', null, 'Pending', me]])
  })

  it('goes with its case when the case is deleted', async () => {
    const kase = ok(await app.api.cases.create({ name: 'Hinge', status: 'New', priority: 'Low' }))
    ok(await app.api.cases.delete({ id: kase.id }))
    expect(app.data.services.db.sqlite.prepare('SELECT count(*) AS n FROM case_history').get()).toEqual({ n: 0 })
  })
})
