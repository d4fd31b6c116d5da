import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ParentRef, TimelineEntry } from '../../shared/domain/records'
import { err, ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { outboxRows, rowCounts } from '../../../test/unit/core/db-state'

let app: TempApp
let parents: ParentRef[]
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
  const a = ok(await app.api.accounts.create({ name: 'Acme' }))
  const c = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace' }))
  const k = ok(await app.api.cases.create({ name: 'Pump', status: 'New', priority: 'Low' }))
  parents = [
    { type: 'account', id: a.id },
    { type: 'contact', id: c.id },
    { type: 'case', id: k.id },
  ]
})
afterEach(async () => {
  await app.close()
})

async function detailOf(parent: ParentRef): Promise<{ timeline: TimelineEntry[] }> {
  if (parent.type === 'account') return ok(await app.api.accounts.get({ id: parent.id }))
  if (parent.type === 'contact') return ok(await app.api.contacts.get({ id: parent.id }))
  return ok(await app.api.cases.get({ id: parent.id }))
}

describe('comments', () => {
  it('adds a comment to each kind of record, authored by the local user, newest first in the timeline', async () => {
    const me = ok(await app.api.lookups.get()).me
    for (const parent of parents) {
      const first = ok(await app.api.comments.add({ parent, body: '  First note  ' }))
      const second = ok(await app.api.comments.add({ parent, body: 'Second note' }))
      expect(first).toMatchObject({ parent, body: 'First note', author: me, is_internal: false, version: 1 })
      const detail = await detailOf(parent)
      expect(detail.timeline.flatMap((e) => (e.kind === 'comment' ? [e.comment.id] : []))).toEqual([second.id, first.id])
    }
    expect(outboxRows(app).filter((r) => r.entity === 'comment').map((r) => r.op)).toEqual(Array(6).fill('create'))
  })

  it('keeps internal notes only on cases, as the server does', async () => {
    const [account, , kase] = parents as [ParentRef, ParentRef, ParentRef]
    expect(ok(await app.api.comments.add({ parent: kase, body: 'x', is_internal: true })).is_internal).toBe(true)
    expect(ok(await app.api.comments.add({ parent: account, body: 'x', is_internal: true })).is_internal).toBe(false)
  })

  it('refuses bad input and missing parents, writing nothing', async () => {
    const parent = parents[0]!
    const before = rowCounts(app)
    for (const payload of [
      { parent, body: '' },
      { parent, body: '   ' },
      { parent, body: 'x'.repeat(256) },
      { parent: { type: 'lead', id: parent.id }, body: 'x' },
      { parent: { type: 'account', id: 'nope' }, body: 'x' },
      { parent, body: 'x', author_id: randomUUID() },
      { body: 'x' },
    ]) {
      const e = err(await app.dispatch('comments.add', payload))
      expect(e.code).toBe('invalid_input')
      expect(Object.keys(e.fields ?? {}).length).toBeGreaterThan(0)
    }
    expect(err(await app.api.comments.add({ parent: { type: 'case', id: randomUUID() }, body: 'x' })).code).toBe('not_found')
    expect(rowCounts(app)).toEqual(before)
  })

  it('edits a comment: a real change bumps the version once, the same text changes nothing', async () => {
    const c = ok(await app.api.comments.add({ parent: parents[2]!, body: 'Draft' }))
    const edited = ok(await app.api.comments.update({ id: c.id, body: 'Final' }))
    expect(edited).toMatchObject({ body: 'Final', version: 2 })
    expect(outboxRows(app).at(-1)).toMatchObject({ entity: 'comment', op: 'update', record_id: c.id, fields: ['body'] })
    const before = rowCounts(app)
    expect(ok(await app.api.comments.update({ id: c.id, body: ' Final ' }))).toEqual(edited)
    expect(rowCounts(app)).toEqual(before)
    expect(err(await app.api.comments.update({ id: c.id, body: '' })).code).toBe('invalid_input')
    expect(err(await app.api.comments.update({ id: randomUUID(), body: 'x' })).code).toBe('not_found')
  })

  it('deletes a comment once; a second delete is not_found', async () => {
    const c = ok(await app.api.comments.add({ parent: parents[1]!, body: 'Bye' }))
    ok(await app.api.comments.delete({ id: c.id }))
    expect(rowCounts(app).comments).toBe(0)
    expect(outboxRows(app).at(-1)).toMatchObject({ entity: 'comment', op: 'delete', record_id: c.id })
    expect(err(await app.api.comments.delete({ id: c.id })).code).toBe('not_found')
  })
})
