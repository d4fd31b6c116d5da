import { openAppData } from '../../src/main/app-data'
import { recordingDesktop } from '../../src/main/desktop'
import type { SyncEngineOptions } from '../../src/main/sync/engine'
import { attachSync } from '../../src/main/sync/registry'
import { fakeSecretBox } from '../fake-crm/secret-box'

/**
 * For a sync crash child: opens a data folder already connected to the fake
 * server (its credential sealed with `keyHex`) and attaches an engine tuned
 * for quick rounds, `options` on top.
 */
export async function openConnectedEngine(dataDir: string, keyHex: string, options: Partial<SyncEngineOptions> = {}) {
  const data = await openAppData({ dataDir, desktop: recordingDesktop() })
  const engine = attachSync(data.services, {
    secretBox: fakeSecretBox(true, Buffer.from(keyHex, 'hex')),
    tuning: { concurrency: 4, tries: 1, baseDelayMs: 1, maxDelayMs: 10 },
    timeoutMs: 60_000,
    ...options,
  })
  return { data, engine }
}
