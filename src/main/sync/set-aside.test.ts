import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeSecretBox } from '../../../test/fake-crm/secret-box'
import { startFakeCrm, type FakeCrm } from '../../../test/fake-crm/server'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import type { SyncEngine } from './engine'
import { attachSync } from './registry'

// What a pull sets aside is kept in the database (sync_set_aside): the sync
// panel lists it after a restart, and an item goes once its record pulls cleanly.

let dir: string
let fake: FakeCrm
let app: TempApp | null = null
let engine: SyncEngine | null = null
const box = fakeSecretBox(true)

async function openApp(): Promise<{ app: TempApp; engine: SyncEngine }> {
  app = await openTempApp({ dir })
  engine = attachSync(app.data.services, { secretBox: box, tuning: { concurrency: 4, tries: 2, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 1_000 })
  return { app, engine }
}

async function closeApp(): Promise<void> {
  await engine?.stop()
  await app?.close()
  app = engine = null
}

afterEach(async () => {
  await closeApp()
  await fake?.close()
  await rm(dir, { recursive: true, force: true })
})

const setAsideOf = async (a: TempApp) => ok(await a.api.sync.issues()).setAside.map((s) => `${s.entity} ${s.title}: ${s.reason.split(':')[0]}`).sort()

describe('set-aside server records', () => {
  it('are still listed after a restart, and each goes once it pulls cleanly', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fieldcrm-set-aside-'))
    fake = await startFakeCrm()
    const { data, org } = fake
    const hacked = (data.create(org.id, 'case', { name: 'Hacked case', status: 'New', priority: 'Low' }, 'u')[1] as { id: string }).id
    data.records.case.get(hacked)!['status'] = 'Hacked'
    const account = (data.create(org.id, 'account', { name: 'Fine Co' }, 'u')[1] as { id: string }).id
    data.addToRecord(org.id, 'account', account, { comment: 'fine' }, 'u')
    const badComment = [...data.comments.values()][0]!
    badComment['comment'] = 'x'.repeat(300_000)

    let { app: first, engine: firstEngine } = await openApp()
    ok(await first.api.sync.connectToken({ serverUrl: fake.url, token: fake.pat }))
    await firstEngine.runOnce()
    const both = ['case Hacked case: status', `comment ${'x'.repeat(79)}…: body`]
    expect(await setAsideOf(first)).toEqual(both)

    // A restart: no round has run yet, and the panel lists them.
    await closeApp()
    ;({ app: first, engine: firstEngine } = await openApp())
    expect(await setAsideOf(first)).toEqual(both)

    // The case is fixed on the server: a round that reads only the lists clears it; the comment,
    // whose record's details it did not read, stays listed.
    data.records.case.get(hacked)!['status'] = 'New'
    await firstEngine.runOnce(false)
    expect(await setAsideOf(first)).toEqual([`comment ${'x'.repeat(79)}…: body`])
    expect(ok(await first.api.cases.list({ state: 'all' })).items.map((c) => c.name)).toEqual(['Hacked case'])

    // The comment fixed too: the next round that reads the account's details clears it.
    badComment['comment'] = 'now fine'
    await firstEngine.runOnce()
    expect(await setAsideOf(first)).toEqual([])
    await closeApp()
    ;({ app: first } = await openApp())
    expect(await setAsideOf(first)).toEqual([])
  })

  it('are forgotten when connecting to another server, whose ids they do not name', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fieldcrm-set-aside-'))
    fake = await startFakeCrm()
    const hacked = (fake.data.create(fake.org.id, 'case', { name: 'Hacked case', status: 'New', priority: 'Low' }, 'u')[1] as { id: string }).id
    fake.data.records.case.get(hacked)!['status'] = 'Hacked'
    const { app: a, engine: e } = await openApp()
    ok(await a.api.sync.connectToken({ serverUrl: fake.url, token: fake.pat }))
    await e.runOnce()
    expect(await setAsideOf(a)).toEqual(['case Hacked case: status'])
    const other = await startFakeCrm()
    try {
      ok(await a.api.sync.connectToken({ serverUrl: other.url, token: other.pat }))
      expect(await setAsideOf(a)).toEqual([])
    } finally {
      await e.stop()
      await other.close()
    }
  })
})
