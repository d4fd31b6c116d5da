import type { ServerCaseActivity } from '../../shared/domain/case-activity'
import type { Clock } from '../db/clock'
import type { SyncTrx } from './schema'

// The server's case activities in the local status history (case_history).
// The server records every status change it is sent, so a change made here
// comes back as its own echo after the push. Matching rule (docs/case-history.md):
// - a server row already known by its id is skipped;
// - a server CREATE is the echo of this case's local "created" row, if it has one not yet matched;
// - a server STATUS_CHANGED is the echo of the oldest unmatched local change of
//   the same case with the same before and after status, made no later than
//   ECHO_SKEW after the server's time (the push comes after the change, often
//   much later, but the two clocks may differ a little);
// - an echo gives its id to the local row (kept, with its own time and author) and is not shown again;
// - any other row is the server's own and is added.

/** How far this computer's clock may run ahead of the server's. */
export const ECHO_SKEW_MS = 10 * 60_000

export async function applyCaseActivities(trx: SyncTrx, caseId: string, activities: ServerCaseActivity[], clock: Clock): Promise<number> {
  let added = 0
  // Oldest first (the server lists newest first): echoes pair with local changes in order, and rows of one instant keep theirs.
  const oldestFirst = [...activities].reverse().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  for (const a of oldestFirst) {
    const known = await trx.selectFrom('case_history').select('id').where('remote_id', '=', a.remoteId).executeTakeFirst()
    if (known) continue
    let echo = trx
      .selectFrom('case_history')
      .select('id')
      .where('case_id', '=', caseId)
      .where('origin', '=', 'local')
      .where('remote_id', 'is', null)
      .where('kind', '=', a.kind)
    if (a.kind === 'status') {
      const latest = new Date(Date.parse(a.at) + ECHO_SKEW_MS).toISOString()
      echo = echo.where('before', '=', a.before).where('after', '=', a.after).where('at', '<=', latest)
    }
    const mine = a.kind === 'reopened' ? undefined : await echo.orderBy('at').orderBy('seq').limit(1).executeTakeFirst()
    if (mine) {
      await trx.updateTable('case_history').set({ remote_id: a.remoteId }).where('id', '=', mine.id).execute()
      continue
    }
    await trx
      .insertInto('case_history')
      .values({
        id: clock.newId(),
        case_id: caseId,
        kind: a.kind,
        before: a.before,
        after: a.after,
        origin: 'server',
        actor_id: null,
        actor_email: a.actorEmail,
        at: a.at,
        remote_id: a.remoteId,
      })
      .execute()
    added++
  }
  return added
}
