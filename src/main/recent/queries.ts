import { sql, type Transaction } from 'kysely'
import { RECENT_VIEWS_KEPT, type RecentRecord } from '../../shared/domain/recent'
import type { ParentRef } from '../../shared/domain/records'
import type { Reads } from '../db/held-connection'
import { prepare } from '../db/prepared'
import type { Database } from '../db/schema'

// "Recently viewed" on Home: the records whose detail the user opened, newest
// first, at most RECENT_VIEWS_KEPT (table recent_views, migrations/0012).
// The table never holds more than that (plus the one just added), so reading it
// is a walk of its time index and one primary-key lookup per row for the title.

const RECENT = prepare(() =>
  sql<{ entity: RecentRecord['type']; record_id: string; viewed_at: string; title: string | null }>`
    SELECT r.entity, r.record_id, r.viewed_at,
      CASE r.entity
        WHEN 'account' THEN (SELECT a.name FROM accounts a WHERE a.id = r.record_id)
        WHEN 'contact' THEN (SELECT c.first_name || ' ' || c.last_name FROM contacts c WHERE c.id = r.record_id)
        ELSE (SELECT k.name FROM cases k WHERE k.id = r.record_id)
      END AS title
    FROM recent_views r
    ORDER BY r.viewed_at DESC
    LIMIT ${sql.lit(RECENT_VIEWS_KEPT)}`,
)

/** The recently viewed records, newest first; a record deleted since is left out. */
export async function recentRecords(db: Reads): Promise<RecentRecord[]> {
  const rows = await RECENT.all(db, {})
  return rows.flatMap((r) => (r.title === null ? [] : [{ type: r.entity, id: r.record_id, title: r.title, viewed_at: r.viewed_at }]))
}

/** Notes that `record` was opened now; drops the rows of deleted records and all but the newest RECENT_VIEWS_KEPT. */
export async function noteViewed(trx: Transaction<Database>, record: ParentRef, at: string): Promise<void> {
  await trx
    .insertInto('recent_views')
    .values({ entity: record.type, record_id: record.id, viewed_at: at })
    .onConflict((oc) => oc.columns(['entity', 'record_id']).doUpdateSet({ viewed_at: at }))
    .execute()
  await sql`
    DELETE FROM recent_views
    WHERE (entity = 'account' AND NOT EXISTS (SELECT 1 FROM accounts WHERE id = record_id))
       OR (entity = 'contact' AND NOT EXISTS (SELECT 1 FROM contacts WHERE id = record_id))
       OR (entity = 'case' AND NOT EXISTS (SELECT 1 FROM cases WHERE id = record_id))`.execute(trx)
  await sql`
    DELETE FROM recent_views
    WHERE viewed_at < (SELECT viewed_at FROM recent_views ORDER BY viewed_at DESC LIMIT 1 OFFSET ${sql.lit(RECENT_VIEWS_KEPT - 1)})`.execute(trx)
}
