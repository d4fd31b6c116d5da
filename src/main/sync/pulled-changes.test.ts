import { afterEach, describe, expect, it } from 'vitest'
import { ok } from '../../../test/support/temp-app'
import { openSyncRig, type SyncRig } from '../../../test/fake-crm/harness'

// Server changes that must land as they are, and local work that must not
// come back as a conflict.

let rig: SyncRig | null = null
afterEach(async () => {
  await rig?.close()
  rig = null
})

async function connected(): Promise<SyncRig> {
  rig = await openSyncRig()
  ok(await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat }))
  await rig.engine.runOnce()
  return rig
}

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
