import { describe, expect, it } from 'vitest'
import { ok } from '../../../test/support/temp-app'
import { openSyncRig } from '../../../test/fake-crm/harness'
import { realLatency } from '../../../test/fake-crm/latency'
import { startFakeCrm } from '../../../test/fake-crm/server'

// Against a server as slow as the real one (its measured latency, 20 times
// faster, one request at a time), with a time-out shorter than one of its
// pages: the time-outs and requests on the wire follow the server, and the
// round finishes instead of timing out for ever.

describe('a slow server', () => {
  it('gets a round through when its pages take longer than the starting time-out', async () => {
    // Slow from the first round on: connecting on a cold, shared machine can take longer than the time-out alone.
    let slow = false
    const real = realLatency(1 / 20)
    const rig = await openSyncRig({
      server: () => startFakeCrm({ latency: (request) => (slow ? real(request) : 0), oneAtATime: true }),
      timeoutMs: 80,
      tuning: { concurrency: 6, tries: 3, baseDelayMs: 1, maxDelayMs: 10 },
    })
    try {
      const { data, org } = rig.fake
      for (let i = 0; i < 120; i++) data.create(org.id, 'account', { name: `Server ${i}` }, 'u')
      for (let i = 0; i < 120; i++) data.create(org.id, 'case', { name: `Case ${i}`, status: 'New', priority: 'Low' }, 'u')
      // The first fetch of a process loads its HTTP stack: longer than this test's time-out on a busy machine.
      await fetch(`${rig.fake.url}/api/profile/`).then((response) => response.text())
      ok(await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat }))
      slow = true
      for (let i = 0; i < 20; i++) ok(await rig.app.api.accounts.create({ name: `Mine ${i}` }))
      let round = await rig.engine.runOnce(false)
      for (let i = 0; i < 2 && round.status.state !== 'idle'; i++) round = await rig.engine.runOnce(false)
      expect(round.status.state, round.status.message ?? '').toBe('idle')
      expect(await rig.outboxCount()).toBe(0)
      expect(ok(await rig.app.api.accounts.list({ state: 'all', limit: 200 })).items).toHaveLength(140)
      expect(ok(await rig.app.api.cases.list({ state: 'all', limit: 200 })).items).toHaveLength(120)
    } finally {
      await rig.close()
    }
  }, 60_000)
})
