import { afterEach } from 'vitest'
import { ok } from '../support/temp-app'
import { openSyncRig, type SyncRig } from './harness'

/** The fake server's own rig options (openSyncRig's `server` left out: always the fake CRM). */
type RigOptions = Omit<NonNullable<Parameters<typeof openSyncRig>[0]>, 'server'>

/**
 * For a sync test file: `open()` opens a rig (app, engine, fake server);
 * `connected()` also connects it with the fake's token and runs a first round.
 * Every rig a test opened is closed after it.
 */
export function syncRigsForTests(): { open(options?: RigOptions): Promise<SyncRig>; connected(options?: RigOptions): Promise<SyncRig> } {
  const opened: SyncRig[] = []
  afterEach(async () => {
    for (const rig of opened.splice(0)) await rig.close()
  })
  const open = async (options?: RigOptions) => {
    const rig = await openSyncRig(options)
    opened.push(rig)
    return rig
  }
  return {
    open,
    async connected(options) {
      const rig = await open(options)
      ok(await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat }))
      await rig.engine.runOnce()
      return rig
    },
  }
}
