import { openTempApp, type TempApp } from '../support/temp-app'
import { attachSync } from '../../src/main/sync/registry'
import type { SyncEngine, SyncEngineOptions } from '../../src/main/sync/engine'
import { syncDb } from '../../src/main/sync/schema'
import type { SyncStatus } from '../../src/shared/domain/sync'
import { fakeSecretBox } from './secret-box'
import { startFakeCrm, type FakeCrm } from './server'

export interface SyncRig {
  fake: FakeCrm
  app: TempApp
  engine: SyncEngine
  box: ReturnType<typeof fakeSecretBox>
  statuses: SyncStatus[]
  outboxCount(): Promise<number>
  close(): Promise<void>
}

/** A temp app with a sync engine (fake key store, fast retries) and a fake server. */
export async function openSyncRig(options: Partial<SyncEngineOptions> & { keyStore?: boolean } = {}): Promise<SyncRig> {
  const fake = await startFakeCrm()
  const app = await openTempApp()
  const box = fakeSecretBox(options.keyStore ?? true)
  const statuses: SyncStatus[] = []
  const engine = attachSync(app.data.services, {
    secretBox: box,
    tuning: { concurrency: 4, tries: 3, baseDelayMs: 1, maxDelayMs: 10 },
    timeoutMs: 1_000,
    onStatus: (s) => statuses.push(s),
    ...options,
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
