import { openTempApp, type TempApp } from '../support/temp-app'
import { attachSync } from '../../src/main/sync/registry'
import type { SyncEngine, SyncEngineOptions } from '../../src/main/sync/engine'
import { syncDb } from '../../src/main/sync/schema'
import type { SyncStatus } from '../../src/shared/domain/sync'
import { fakeSecretBox } from './secret-box'
import { startFakeCrm, type FakeCrm } from './server'

/** What the engine needs of a server: where it is and a token; the in-process fake gives much more to tests. */
export interface SyncServer {
  url: string
  pat: string
  close(): Promise<void>
}

export interface SyncRig<S extends SyncServer = FakeCrm> {
  fake: S
  app: TempApp
  engine: SyncEngine
  box: ReturnType<typeof fakeSecretBox>
  statuses: SyncStatus[]
  outboxCount(): Promise<number>
  close(): Promise<void>
}

/** A temp app with a sync engine (fake key store, fast retries) and a fake server (in this thread unless `server` starts one elsewhere). */
export async function openSyncRig<S extends SyncServer = FakeCrm>(
  options: Partial<SyncEngineOptions> & { keyStore?: boolean; server?: () => Promise<S> } = {},
): Promise<SyncRig<S>> {
  const { server, keyStore, ...engineOptions } = options
  const fake = await (server ?? (startFakeCrm as unknown as () => Promise<S>))()
  const app = await openTempApp()
  const box = fakeSecretBox(keyStore ?? true)
  const statuses: SyncStatus[] = []
  const engine = attachSync(app.data.services, {
    secretBox: box,
    tuning: { concurrency: 4, tries: 3, baseDelayMs: 1, maxDelayMs: 10 },
    timeoutMs: 1_000,
    onStatus: (s) => statuses.push(s),
    ...engineOptions,
  })
  return {
    fake,
    app,
    engine,
    box,
    statuses,
    async outboxCount() {
      const rows = await syncDb(app.data.services.db).selectFrom('outbox').select('seq').execute()
      return rows.length
    },
    async close() {
      await engine.stop()
      await fake.close()
      await app.close()
    },
  }
}
