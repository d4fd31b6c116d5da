import { AppError, notFound } from '../../shared/ipc/errors'
import { markupToHtml, markupToText } from '../../shared/email/markup'
import type { HandlerMap } from '../ipc/handler'
import { recordChange } from '../outbox/record'
import { findEmail } from './queries'

export const emailHandlers: HandlerMap<'emails'> = {
  /**
   * Saves the email and queues it for the server in one transaction; the
   * sync sends it to create_mail exactly once (sync/push-email.ts).
   */
  async 'emails.send'(input, s) {
    const now = s.clock.now()
    if (input.scheduled_at !== null && Date.parse(input.scheduled_at) <= Date.parse(now)) {
      throw new AppError('invalid_input', 'The scheduled time has passed; pick a time in the future', { scheduled_at: ['Must be in the future'] })
    }
    const id = s.clock.newId()
    await s.db.kysely.transaction().execute(async (trx) => {
      const account = await trx.selectFrom('accounts').select('id').where('id', '=', input.account_id).executeTakeFirst()
      if (!account) throw notFound('The account')
      const ids = [...new Set(input.recipient_ids)]
      const contacts = await trx.selectFrom('contacts').select(['id', 'email', 'first_name', 'last_name']).where('id', 'in', ids).execute()
      if (contacts.length !== ids.length) throw new AppError('invalid_input', 'A recipient was not found; it may have been deleted', { recipient_ids: ['A recipient was not found'] })
      const noAddress = contacts.filter((c) => !c.email)
      if (noAddress.length) {
        const names = noAddress.map((c) => `${c.first_name} ${c.last_name}`.trim()).join(', ')
        throw new AppError('invalid_input', `No email address: ${names}`, { recipient_ids: [`No email address: ${names}`] })
      }
      await trx
        .insertInto('account_emails')
        .values({
          id,
          account_id: input.account_id,
          origin: 'local',
          // The body marker (push-email.ts) is this id: it finds a sent email whose answer was lost.
          server_key: id,
          from_email: input.from_email,
          recipient_ids: JSON.stringify(ids),
          subject: input.subject,
          body_markup: input.body,
          body_html: markupToHtml(input.body),
          body_text: markupToText(input.body),
          scheduled_at: input.scheduled_at === null ? null : new Date(input.scheduled_at).toISOString(),
          timezone: input.time_zone,
          state: 'queued',
          delivered: 0,
          created_by: s.meId,
          created_at: now,
          updated_at: now,
        })
        .execute()
      await recordChange(trx, { entity: 'email', recordId: id, op: 'create' }, now)
    })
    s.onLocalChange?.()
    return (await findEmail(s.db.kysely, id))!
  },
}
