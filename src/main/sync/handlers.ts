import type { HandlerMap } from '../ipc/handler'
import { listIssues, resolveConflict, retryFailed } from './issues'
import { syncEngineOf } from './registry'
import { syncDb } from './schema'

export const syncHandlers: HandlerMap<'sync'> = {
  'sync.status': (_i, s) => syncEngineOf(s).status(),
  'sync.connectToken': ({ serverUrl, token }, s) => syncEngineOf(s).connectToken(serverUrl, token),
  async 'sync.requestCode'({ serverUrl, email }, s) {
    await syncEngineOf(s).requestCode(serverUrl, email)
    return { sent: true as const }
  },
  'sync.verifyCode': ({ serverUrl, email, code }, s) => syncEngineOf(s).verifyCode(serverUrl, email, code),
  'sync.chooseOrg': ({ orgId }, s) => syncEngineOf(s).chooseOrg(orgId),
  'sync.disconnect': (_i, s) => syncEngineOf(s).disconnect(),
  async 'sync.run'(_i, s) {
    const engine = syncEngineOf(s)
    engine.trigger()
    return engine.status()
  },
  'sync.issues': (_i, s) => listIssues(syncDb(s.db)),
  async 'sync.retry'({ seq }, s) {
    await retryFailed(syncDb(s.db), seq)
    const engine = syncEngineOf(s)
    engine.trigger(false)
    return engine.status()
  },
  async 'sync.resolve'({ id, keep }, s) {
    await resolveConflict(syncDb(s.db), s.clock, id, keep)
    const engine = syncEngineOf(s)
    engine.trigger(false)
    return engine.status()
  },
}
