import type { CommitBatch } from './commit-batch'
import type { CreateMarks } from './create-marks'
import type { SyncContext } from './context'
import { HttpError, isTransient, serverMessage } from './http-errors'
import { remoteIdOf } from './local'
import { parentDetail } from './lookup'
import { finishJob, type Job } from './outbox-jobs'
import { isServerId } from './pulled-values'
import { withRetries } from './retry'

// An email goes to the server's create_mail exactly once. The server takes no
// idempotency key and lists an account's emails without ids
// (docs/django-crm-email-mentions-notes.md §1.5, §2), so each email carries a
// marker in its body, an HTML comment naming its local id. Before the POST the
// outbox entry holds a lookup key (create-marks.ts); if the answer is lost (a
// time-out, a 5xx, a crash) the request is never repeated blindly: the next
// round first looks for the marker among the account's emails, and sends only
// when it is not there. A 4xx is final (the server stored nothing).

export type EmailOutcome = { kind: 'done' } | { kind: 'waiting'; why: string }

/** The server refused the email: it waits in the sync panel with the server's reason, and is not sent again by itself. */
export class EmailRefused extends Error {}

export function emailMarker(localId: string): string {
  return `<!-- fieldcrm:${localId} -->`
}

/** The local id in a server email's body marker, or null. */
export function markerIn(body: unknown): string | null {
  if (typeof body !== 'string') return null
  return /<!-- fieldcrm:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) -->/.exec(body)?.[1] ?? null
}

async function findOnServer(ctx: SyncContext, accountRemoteId: string, localId: string): Promise<Record<string, unknown> | null> {
  const detail = await parentDetail(ctx, 'account', accountRemoteId)
  const emails = detail['emails']
  if (!Array.isArray(emails)) return null
  return (emails as Record<string, unknown>[]).find((e) => e && typeof e === 'object' && markerIn(e['message_body']) === localId) ?? null
}

async function markSent(ctx: SyncContext, commits: CommitBatch, job: Job, state: 'sent' | 'scheduled', remoteId: string | null) {
  await commits.run(async (trx) => {
    await trx.updateTable('account_emails').set({ state, remote_id: remoteId, updated_at: ctx.clock.now() }).where('id', '=', job.recordId).execute()
    await finishJob(trx, job)
  })
}

export async function pushEmail(ctx: SyncContext, commits: CommitBatch, marks: CreateMarks, job: Job): Promise<EmailOutcome> {
  const row = await ctx.db.selectFrom('account_emails').selectAll().where('id', '=', job.recordId).executeTakeFirst()
  if (!row || row.state !== 'queued') {
    // Gone with its account, or already found on the server by a pull.
    await commits.run((trx) => finishJob(trx, job))
    return { kind: 'done' }
  }
  const account = await remoteIdOf(ctx.db, 'account', row.account_id)
  if (!account) return { kind: 'waiting', why: 'Waiting for its account to reach the server' }
  const recipients: string[] = []
  for (const id of JSON.parse(row.recipient_ids) as string[]) {
    const remote = await remoteIdOf(ctx.db, 'contact', id)
    if (remote) recipients.push(remote)
    else {
      const exists = await ctx.db.selectFrom('contacts').select('id').where('id', '=', id).executeTakeFirst()
      if (exists) return { kind: 'waiting', why: 'Waiting for its recipients to reach the server' }
    }
  }
  if (!recipients.length) throw new EmailRefused('None of its recipients is left: they were deleted. Write it again to other contacts.')

  const scheduled = row.scheduled_at !== null
  if (job.lookupKey) {
    // Sent before and the answer never came: it is looked for, never sent twice.
    const found = await withRetries(ctx, () => findOnServer(ctx, account, row.id))
    if (found) {
      await markSent(ctx, commits, job, found['scheduled_later'] === true ? 'scheduled' : 'sent', null)
      return { kind: 'done' }
    }
  }
  await marks.beforeSending(job, JSON.stringify({ entity: 'email', marker: row.id }))
  let id: unknown
  try {
    const { body } = await ctx.client.request<Record<string, unknown>>('POST', `/api/accounts/${account}/create_mail/`, {
      json: {
        from_email: row.from_email,
        recipients,
        message_subject: row.subject,
        message_body: `${row.body_html}\n${emailMarker(row.id)}`,
        // JSON true/false: the view's own rule reads "on" or "y" as false.
        scheduled_later: scheduled,
        // UTC with its offset: a time without one is read in the org's zone, not the sender's.
        ...(scheduled ? { scheduled_date_time: row.scheduled_at } : {}),
        timezone: row.timezone,
      },
    })
    id = body['id']
  } catch (error) {
    // Not transient: the server refused it and stored nothing (a 404 for an account deleted there, a 400).
    if (error instanceof HttpError && !isTransient(error)) throw new EmailRefused(serverMessage(error.body))
    throw error
  }
  await markSent(ctx, commits, job, scheduled ? 'scheduled' : 'sent', isServerId(id) ? id : null)
  return { kind: 'done' }
}
