import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ok } from '../../../test/support/temp-app'
import { openSyncRig, type SyncRig } from '../../../test/fake-crm/harness'

// Restoring a backup made before the last sync brings back pending creates
// the server already has: the next sync must find them there, not send them again.

let rig: SyncRig | null = null
afterEach(async () => {
  await rig?.close()
  rig = null
})

describe('sync after a restore', () => {
  it('reconciles with the server instead of pushing again what it already has', async () => {
    rig = await openSyncRig()
    const r = rig
    const { api } = r.app
    ok(await api.sync.connectToken({ serverUrl: r.fake.url, token: r.fake.pat }))
    await r.engine.runOnce()
    // Made here, not yet synced: a contact without email (no unique key on the server) and a comment.
    const account = ok(await api.accounts.create({ name: 'Acme' }))
    ok(await api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace' }))
    ok(await api.comments.add({ parent: { type: 'account', id: account.id }, body: 'Called them' }))
    const backup = join(r.app.dir, '..', `backup-${Date.now()}.sqlite`)
    r.app.desktop.backupSavePath = backup
    expect(ok(await api.data.backup()).status).toBe('saved')
    await r.engine.runOnce()
    expect(await r.outboxCount()).toBe(0)
    r.app.desktop.backupToOpen = backup
    expect(ok(await api.data.restore()).status).toBe('restored')
    expect(await r.outboxCount()).toBeGreaterThan(0)

    const round = await r.engine.runOnce()
    expect(round.status.state).toBe('idle')
    expect(await r.outboxCount()).toBe(0)
    expect(ok(await api.sync.issues()).failed).toEqual([])
    expect([...r.fake.data.records.account.values()].map((a) => a['name'])).toEqual(['Acme'])
    expect([...r.fake.data.records.contact.values()].map((c) => c['last_name'])).toEqual(['Lovelace'])
    expect([...r.fake.data.comments.values()].map((c) => c['comment'])).toEqual(['Called them'])
    // And here: one of each, each mapped to its server twin.
    expect(ok(await api.contacts.list({ state: 'all' })).items).toHaveLength(1)
    expect(ok(await api.accounts.get({ id: account.id })).timeline).toHaveLength(1)
  })

  it("reads every record's comments and files in the first round after it, even a periodic one", async () => {
    rig = await openSyncRig()
    const r = rig
    const { api } = r.app
    ok(await api.sync.connectToken({ serverUrl: r.fake.url, token: r.fake.pat }))
    ok(await api.accounts.create({ name: 'Acme' }))
    await r.engine.runOnce()
    const backup = join(r.app.dir, '..', `backup-${Date.now()}.sqlite`)
    r.app.desktop.backupSavePath = backup
    expect(ok(await api.data.backup()).status).toBe('saved')
    // A comment added on the server alone leaves the account's list entry as it was: only a sweep reads it.
    const remoteId = [...r.fake.data.records.account.keys()][0]!
    r.fake.data.addToRecord(r.fake.org.id, 'account', remoteId, { comment: 'Added on the server' }, 'u')
    await r.engine.runOnce()
    r.app.desktop.backupToOpen = backup
    expect(ok(await api.data.restore()).status).toBe('restored')
    r.fake.log.length = 0
    await r.engine.runOnce(false)
    expect(r.fake.log).toContain(`GET /api/accounts/${remoteId}/`)
    const [account] = ok(await api.accounts.list({ state: 'all' })).items
    expect(ok(await api.accounts.get({ id: account!.id })).timeline.map((t) => (t.kind === 'comment' ? t.comment.body : t.kind))).toEqual(['Added on the server'])
  })
})
