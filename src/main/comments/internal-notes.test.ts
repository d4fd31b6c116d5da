import { describe, expect, it } from 'vitest'
import { ok } from '../../../test/support/temp-app'
import { syncRigsForTests } from '../../../test/fake-crm/rigs-for-tests'

// Internal notes on cases: `is_internal` goes to the server on create and on
// edit (a PATCH flips it), and a flip made on the server comes down.

const rigs = syncRigsForTests()

describe('internal notes', () => {
  it('sends a case note as internal, flips it both ways, and brings a server flip down', async () => {
    const r = await rigs.connected()
    const { api } = r.app
    const kase = ok(await api.cases.create({ name: 'Pump', status: 'New', priority: 'Low' }))
    const note = ok(await api.comments.add({ parent: { type: 'case', id: kase.id }, body: 'Customer is difficult', is_internal: true }))
    const pub = ok(await api.comments.add({ parent: { type: 'case', id: kase.id }, body: 'We are on it' }))
    await r.engine.runOnce()
    const server = () => [...r.fake.data.comments.values()].map((c) => [c['comment'], c['is_internal']]).sort()
    expect(server()).toEqual([['Customer is difficult', true], ['We are on it', false]])
    // The case detail splits them, as the real one does.
    const caseRemote = [...r.fake.data.records.case.values()][0]!['id'] as string
    const [, detail] = r.fake.data.detail(r.fake.org.id, 'case', caseRemote) as [number, Record<string, { comment: string }[]>]
    expect(detail['internal_notes']!.map((c) => c.comment)).toEqual(['Customer is difficult'])

    // Made public here: one PATCH with the flag, the text untouched.
    expect(ok(await api.comments.update({ id: note.id, is_internal: false })).is_internal).toBe(false)
    r.fake.log.length = 0
    await r.engine.runOnce()
    expect(r.fake.log.filter((l) => l.startsWith('PATCH'))).toHaveLength(1)
    expect(server()).toEqual([['Customer is difficult', false], ['We are on it', false]])
    expect(await r.outboxCount()).toBe(0)

    // Made internal on the server: the next full pull flips it here, sending nothing.
    const remote = [...r.fake.data.comments.values()].find((c) => c['comment'] === 'We are on it')!
    remote['is_internal'] = true
    r.fake.log.length = 0
    await r.engine.runOnce()
    const timeline = ok(await api.cases.get({ id: kase.id })).timeline
    const flags = Object.fromEntries(timeline.flatMap((t) => (t.kind === 'comment' ? [[t.comment.id, t.comment.is_internal]] : [])))
    expect(flags).toEqual({ [note.id]: false, [pub.id]: true })
    expect(r.fake.log.filter((l) => !l.startsWith('GET'))).toEqual([])
    expect(await r.outboxCount()).toBe(0)
  })

  it('keeps the flag off outside cases and records a flip in the outbox with the change', async () => {
    const r = await rigs.open()
    const { api } = r.app
    const account = ok(await api.accounts.create({ name: 'Acme' }))
    const c = ok(await api.comments.add({ parent: { type: 'account', id: account.id }, body: 'x' }))
    const before = await r.outboxCount()
    expect(ok(await api.comments.update({ id: c.id, is_internal: true })).is_internal).toBe(false)
    expect(await r.outboxCount()).toBe(before)
  })
})
