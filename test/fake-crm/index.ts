// What the benchmark needs to push many changes to the fake server:
//   const rig = await openSyncRig()                      // temp app + fake server + engine
//   await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat })
//   await rig.engine.runOnce()                           // the first round, started by connecting
//   await seedPendingAccounts(rig, 10_000)               // 10,000 pending creates in the outbox
//   const result = await rig.engine.pushNow()            // result.concurrency: records in flight
// The baseline is the same POST /api/accounts/ requests sent one after another.
import type { SyncRig, SyncServer } from './harness'

export { startFakeCrm, type FakeCrm } from './server'
export { openSyncRig, type SyncRig, type SyncServer } from './harness'
export { randomFaults, faultOn, type Fault, type FaultPlan } from './faults'
export { pushPending, type PushResult } from '../../src/main/sync/push'

/** Creates `n` accounts locally (each records one pending create). */
export async function seedPendingAccounts(rig: Pick<SyncRig<SyncServer>, 'app'>, n: number, prefix = 'Bench'): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await rig.app.api.accounts.create({ name: `${prefix} ${i}`, city: 'Berlin' })
    if (!r.ok) throw new Error(r.error.message)
  }
}
