import { createHash } from 'node:crypto'
import { z } from 'zod'
import { htmlToText } from '../../shared/email/markup'
import { EMAIL_LIMITS } from '../../shared/domain/emails'
import type { SyncContext } from './context'
import { printable } from './pulled-values'
import { markerIn } from './push-email'
import type { SyncTrx } from './schema'

// An account's emails as its detail lists them (docs/django-crm-email-mentions-notes.md §2):
// no id, no recipients, no status. Our own are known by their body marker; the
// others are keyed by a hash of their fields. The list is whole (no paging), so
// a server email no longer listed is removed here.

const serverEmail = z.object({
  message_subject: z.string().max(100_000).nullable().optional(),
  message_body: z.string().max(1_000_000).nullable().optional(),
  from_email: z.string().max(254).nullable().optional(),
  scheduled_later: z.boolean().nullable().optional(),
  scheduled_date_time: z.string().max(64).nullable().optional(),
  timezone: z.string().max(100).nullable().optional(),
  created_at: z.string().max(64).nullable().optional(),
  rendered_message_body: z.string().max(1_000_000).nullable().optional(),
})

/** An ISO time the server gave (any offset), as UTC; null when it is not one. */
function utc(value: string | null | undefined): string | null {
  if (!value) return null
  const t = Date.parse(value)
  return Number.isFinite(t) ? new Date(t).toISOString() : null
}

export interface EmailsApplied {
  changed: boolean
  setAside: number
}

export async function applyAccountEmails(trx: SyncTrx, ctx: SyncContext, accountId: string, list: unknown[]): Promise<EmailsApplied> {
  const now = ctx.clock.now()
  const seen = new Set<string>()
  let changed = false
  let setAside = 0
  for (const item of list) {
    const parsed = serverEmail.safeParse(item)
    if (!parsed.success) {
      setAside++
      continue
    }
    const e = parsed.data
    const delivered = e.rendered_message_body != null ? 1 : 0
    const mine = markerIn(e.message_body)
    if (mine) {
      // One of ours: the server has it, whatever became of the answer to its POST.
      const row = await trx.selectFrom('account_emails').select(['id', 'state', 'delivered']).where('id', '=', mine).where('account_id', '=', accountId).executeTakeFirst()
      if (row) {
        seen.add(mine)
        const state = row.state === 'queued' ? (e.scheduled_later ? 'scheduled' : 'sent') : row.state
        if (state !== row.state || delivered !== row.delivered) {
          await trx.updateTable('account_emails').set({ state, delivered, updated_at: now }).where('id', '=', mine).execute()
          changed = true
        }
        continue
      }
    }
    const body = e.message_body ?? ''
    const key = `h:${createHash('sha256').update(JSON.stringify([e.created_at, e.from_email, e.message_subject, body])).digest('base64url').slice(0, 32)}`
    seen.add(key)
    const known = await trx.selectFrom('account_emails').select(['id', 'delivered']).where('server_key', '=', key).executeTakeFirst()
    if (known) {
      if (known.delivered !== delivered) {
        await trx.updateTable('account_emails').set({ delivered, updated_at: now }).where('id', '=', known.id).execute()
        changed = true
      }
      continue
    }
    const created = utc(e.created_at) ?? now
    await trx
      .insertInto('account_emails')
      .values({
        id: ctx.clock.newId(),
        account_id: accountId,
        origin: 'server',
        server_key: key,
        from_email: printable(e.from_email ?? '', 254),
        recipient_ids: '[]',
        subject: printable(e.message_subject ?? '', EMAIL_LIMITS.subject) || '(no subject)',
        body_markup: null,
        // Kept as the server sent it (bounded above); shown only as text.
        body_html: body,
        body_text: htmlToText(body).slice(0, EMAIL_LIMITS.body),
        scheduled_at: e.scheduled_later ? utc(e.scheduled_date_time) : null,
        timezone: printable(e.timezone ?? 'UTC', 100),
        state: e.scheduled_later ? 'scheduled' : 'recorded',
        delivered,
        created_by: null,
        created_at: created,
        updated_at: now,
      })
      .execute()
    changed = true
  }
  const stale = await trx.selectFrom('account_emails').select(['id', 'server_key']).where('account_id', '=', accountId).where('origin', '=', 'server').execute()
  for (const row of stale) {
    if (row.server_key && seen.has(row.server_key)) continue
    await trx.deleteFrom('account_emails').where('id', '=', row.id).execute()
    changed = true
  }
  return { changed, setAside }
}
