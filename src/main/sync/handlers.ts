import type { SyncStatus } from '../../shared/domain/sync'
import { AppError } from '../../shared/ipc/errors'
import type { HandlerMap } from '../ipc/handler'
import type { Services } from '../services'

// Placeholder until the sync module lands: the app is local-only, and the
// pending count is the real outbox size.

async function localOnly({ db }: Services): Promise<SyncStatus> {
  const { n } = await db.kysely.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return { state: 'local-only', serverUrl: null, org: null, lastSyncAt: null, pending: Number(n), failed: 0, conflicts: 0, progress: null, message: null }
}

const notYet = async (): Promise<never> => {
  throw new AppError('unavailable', 'Sync with a server is not available in this build yet')
}

export const syncHandlers: HandlerMap<'sync'> = {
  'sync.status': (_i, s) => localOnly(s),
  'sync.connectToken': notYet,
  'sync.requestCode': notYet,
  'sync.verifyCode': notYet,
  'sync.chooseOrg': notYet,
  'sync.disconnect': (_i, s) => localOnly(s),
  'sync.run': (_i, s) => localOnly(s),
  'sync.issues': async () => ({ pending: [], failed: [], conflicts: [] }),
  'sync.retry': (_i, s) => localOnly(s),
  'sync.resolve': notYet,
}
