import { sql, type Kysely } from 'kysely'
import type { AccountEmail, EmailStatus } from '../../shared/domain/emails'
import type { Reads } from '../db/held-connection'
import { inJsonList, prepare } from '../db/prepared'
import type { AccountEmailsTable, Database } from '../db/schema'

type Row = Omit<AccountEmailsTable, 'seq' | 'version'> & { outbox_state: string | null; outbox_error: string | null }

function recipientIds(json: string): string[] {
  try {
    const list: unknown = JSON.parse(json)
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** The outbox says whether a local email is still on its way or was refused; the row says what the server answered. */
function statusOf(row: Row): EmailStatus {
  if (row.outbox_state === 'failed') return 'refused'
  if (row.outbox_state === 'pending' || row.state === 'queued') return 'queued'
  return row.state
}

function selectEmails(db: Kysely<Database>) {
  return (
    db
      .selectFrom('account_emails as e')
      .selectAll('e')
      // One outbox entry at most per email (a create; emails are never edited).
      .select([
        sql<string | null>`(SELECT state FROM outbox o WHERE o.entity = 'email' AND o.record_id = e.id ORDER BY o.seq DESC LIMIT 1)`.as('outbox_state'),
        sql<string | null>`(SELECT last_error FROM outbox o WHERE o.entity = 'email' AND o.record_id = e.id ORDER BY o.seq DESC LIMIT 1)`.as('outbox_error'),
      ])
  )
}

const EMAILS_OF = prepare((db, v: { accountId: string }) =>
  selectEmails(db).where('e.account_id', '=', v.accountId).orderBy('e.created_at', 'desc').orderBy('e.seq', 'desc').limit(500),
)
const EMAIL_BY_ID = prepare((db, v: { id: string }) => selectEmails(db).where('e.id', '=', v.id))
const CONTACTS_IN = prepare((db, v: { ids: string }) =>
  db.selectFrom('contacts').select(['id', 'first_name', 'last_name', 'email']).where('id', 'in', inJsonList(v.ids)),
)

async function toEmails(db: Reads, list: Row[]): Promise<AccountEmail[]> {
  const ids = [...new Set(list.flatMap((r) => recipientIds(r.recipient_ids)))]
  const contacts = ids.length ? await CONTACTS_IN.all(db, { ids: JSON.stringify(ids) }) : []
  const byId = new Map(contacts.map((c) => [c.id, c]))
  return list.map((r) => ({
    id: r.id,
    account_id: r.account_id,
    origin: r.origin,
    from_email: r.from_email,
    recipients: recipientIds(r.recipient_ids).flatMap((id) => {
      const c = byId.get(id)
      return c ? [{ id, name: `${c.first_name} ${c.last_name}`.trim(), email: c.email }] : []
    }),
    subject: r.subject,
    body_text: r.body_text,
    scheduled_at: r.scheduled_at,
    time_zone: r.timezone,
    status: statusOf(r),
    delivered: r.delivered === 1,
    problem: r.outbox_state === 'failed' ? r.outbox_error : null,
    created_at: r.created_at,
  }))
}

/** An account's emails, newest first. */
export async function emailsOf(db: Reads, accountId: string): Promise<AccountEmail[]> {
  return toEmails(db, (await EMAILS_OF.all(db, { accountId })) as Row[])
}

export async function findEmail(db: Reads, id: string): Promise<AccountEmail | undefined> {
  return (await toEmails(db, (await EMAIL_BY_ID.all(db, { id })) as Row[]))[0]
}
