import { describe, expect, it } from 'vitest'
import { ok } from '../../../test/support/temp-app'
import { syncRigsForTests } from '../../../test/fake-crm/rigs-for-tests'

// Server changes that must land as they are, and local work that must not
// come back as a conflict.

const { connected } = syncRigsForTests()

describe('pulled changes', () => {
  it('renames a tag here when it was renamed on the server', async () => {
    const r = await connected()
    const tag = r.fake.data.newTag(r.fake.org.id, 'Partner')
    await r.engine.runOnce()
    r.fake.data.updateTag(r.fake.org.id, String(tag['id']), { name: 'Key partner' })
    await r.engine.runOnce()
    const { tags } = ok(await r.app.api.lookups.get())
    expect(tags.map((t) => t.name)).toEqual(['Key partner'])
    expect(await r.outboxCount()).toBe(0)
  })

  it('shows no conflict when a case loses its contact to a delete here and gets another one here', async () => {
    const r = await connected()
    const { api } = r.app
    const ada = ok(await api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace' }))
    const grace = ok(await api.contacts.create({ first_name: 'Grace', last_name: 'Hopper' }))
    const kase = ok(await api.cases.create({ name: 'Engine', status: 'New', priority: 'Low', contact_ids: [ada.id] }))
    await r.engine.runOnce()
    ok(await api.contacts.delete({ id: ada.id }))
    ok(await api.cases.update({ id: kase.id, patch: { contact_ids: [grace.id] } }))
    const round = await r.engine.runOnce()
    expect(round.status.conflicts).toBe(0)
    expect(ok(await api.sync.issues()).conflicts).toEqual([])
    const onServer = [...r.fake.data.records.case.values()][0]!
    const names = (onServer['contacts'] as string[]).map((id) => r.fake.data.records.contact.get(id)?.['first_name'])
    expect(names).toEqual(['Grace'])
  })
})

describe('case rules that follow the server', () => {
  it('refuses moving a synced case to another account when it is edited, and allows it before the case is synced', async () => {
    const r = await connected()
    const { api } = r.app
    const a = ok(await api.accounts.create({ name: 'First' }))
    const b = ok(await api.accounts.create({ name: 'Second' }))
    const local = ok(await api.cases.create({ name: 'Not yet synced', status: 'New', priority: 'Low', account_id: a.id }))
    expect(ok(await api.cases.update({ id: local.id, patch: { account_id: b.id } })).account_id).toBe(b.id)
    await r.engine.runOnce()
    const refused = await api.cases.update({ id: local.id, patch: { account_id: a.id } })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'invalid_input', fields: { account_id: [expect.stringMatching(/cannot move/)] } })
    // Other edits of it still go.
    expect(ok(await api.cases.update({ id: local.id, patch: { priority: 'High', account_id: b.id } })).priority).toBe('High')
  })

  it('clears the closing date when a case is reopened, as the server does, so the next pull changes nothing', async () => {
    const r = await connected()
    const { api } = r.app
    const k = ok(await api.cases.create({ name: 'Reopened', status: 'Closed', priority: 'Low', closed_on: '2026-01-02' }))
    await r.engine.runOnce()
    expect(ok(await api.cases.update({ id: k.id, patch: { status: 'Pending' } })).closed_on).toBeNull()
    await r.engine.runOnce()
    expect([...r.fake.data.records.case.values()][0]).toMatchObject({ status: 'Pending', closed_on: null })
    const again = await r.engine.runOnce()
    expect(again.pull).toMatchObject({ updated: 0, conflicts: 0 })
  })
})
