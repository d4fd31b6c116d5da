import type { Services } from '../services'
import { SyncEngine, type SyncEngineOptions } from './engine'
import { noSecretBox } from './secret-box'

// One sync engine per app data folder (per Services object). The Electron
// glue attaches one with the real key store and status broadcast; tests attach
// one with fakes. Without either, an engine that cannot store a credential.

const engines = new WeakMap<Services, SyncEngine>()

export function attachSync(services: Services, options: SyncEngineOptions): SyncEngine {
  const engine = new SyncEngine(services, options)
  engines.set(services, engine)
  return engine
}

export function syncEngineOf(services: Services): SyncEngine {
  let engine = engines.get(services)
  if (!engine) {
    engine = new SyncEngine(services, { secretBox: noSecretBox })
    engines.set(services, engine)
  }
  return engine
}
