import type { Insertable, Transaction } from 'kysely'
import type { CaseStatus } from '../../shared/domain/choices'
import type { TimelineEntry } from '../../shared/domain/records'
import type { Reads } from '../db/held-connection'
import { boundLimit, prepare } from '../db/prepared'
import type { CaseHistoryTable, Database } from '../db/schema'
import type { Services } from '../services'

// A case's status history (table case_history, migrations/0012): the local
// rows are written here, inside the transaction that creates the case or
// changes its status, so the change and its history commit together. The
// server's rows come in with a pull (src/main/sync/case-activities.ts).

/** Records that the local user created a case with `status`, or moved it from `before` to `after`. */
export async function recordStatus(
  trx: Transaction<Database>,
  s: Pick<Services, 'clock' | 'meId'>,
  caseId: string,
  change: { before: string | null; after: string },
  at: string,
): Promise<void> {
  if (change.before === change.after) return
  await trx.insertInto('case_history').values(statusRow(s, caseId, change, at)).execute()
}

/** The case_history row of a local status change (the CSV import writes it with a prepared statement). */
export function statusRow(
  s: Pick<Services, 'clock' | 'meId'>,
  caseId: string,
  change: { before: string | null; after: string },
  at: string,
): Insertable<CaseHistoryTable> {
  return {
    id: s.clock.newId(),
    case_id: caseId,
    kind: change.before === null ? 'created' : 'status',
    before: change.before,
    after: change.after,
    origin: 'local',
    actor_id: s.meId,
    actor_email: null,
    at,
    remote_id: null,
  }
}

const HISTORY_OF = prepare((db, v: { id: string; limit: number }) =>
  db
    .selectFrom('case_history')
    .leftJoin('users', 'users.id', 'case_history.actor_id')
    .select(['case_history.id', 'kind', 'before', 'after', 'origin', 'actor_email', 'at', 'users.name as actor_name'])
    .where('case_history.case_id', '=', v.id)
    .orderBy('case_history.at', 'desc')
    .orderBy('case_history.seq', 'desc')
    .limit(boundLimit(v.limit)),
)

/** A case's status history as timeline entries, newest first. */
export async function statusHistoryOf(db: Reads, caseId: string, limit = 500): Promise<TimelineEntry[]> {
  const rows = await HISTORY_OF.all(db, { id: caseId, limit })
  return rows.map((r) => ({
    kind: 'status' as const,
    at: r.at,
    change: {
      id: r.id,
      kind: r.kind,
      before: r.before as CaseStatus | null,
      after: r.after as CaseStatus | null,
      by: r.actor_name ?? r.actor_email ?? null,
      origin: r.origin,
    },
  }))
}
