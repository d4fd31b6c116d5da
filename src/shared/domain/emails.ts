import { z } from 'zod'
import { bracesBalance } from '../email/markup'
import { requiredText, uuid } from './fields'

// Email from an account (docs/django-crm-email-mentions-notes.md §1). The
// server takes recipients as contact ids only, a From address, a subject and
// an HTML body it reads as a Django template; a scheduled email carries its
// time with an explicit offset and the sender's IANA zone as a label.

export const EMAIL_LIMITS = { subject: 255, body: 20_000, recipients: 100 } as const

const fromEmail = z
  .string({ message: 'A From address is required' })
  .trim()
  .toLowerCase()
  .min(1, { message: 'Your email address is needed as the sender' })
  .pipe(z.email({ message: 'Not a valid email address' }).max(254, { message: 'At most 254 characters' }))

/** An IANA zone name as Intl gives it ("Europe/Berlin", "UTC"): the server keeps it as a label only. */
const timeZone = z.string().regex(/^[A-Za-z][A-Za-z0-9_+\-/]{0,99}$/, { message: 'Not a time zone name' })

export const emailSend = z
  .object({
    account_id: uuid,
    from_email: fromEmail,
    recipient_ids: z
      .array(uuid)
      .min(1, { message: 'Pick at least one contact of the account' })
      .max(EMAIL_LIMITS.recipients, { message: `At most ${EMAIL_LIMITS.recipients} recipients` }),
    subject: requiredText(EMAIL_LIMITS.subject, 'Subject'),
    body: requiredText(EMAIL_LIMITS.body, 'Message').refine(bracesBalance, {
      message: 'Braces { } must come in pairs: the server reads {{ name }} and {{ email }} as placeholders',
    }),
    /** UTC with an explicit offset; null sends at once. Must lie in the future (checked against the clock). */
    scheduled_at: z.iso.datetime({ offset: true, message: 'Not a valid date and time' }).nullable(),
    time_zone: timeZone,
  })
  .strict()
export type EmailSend = z.input<typeof emailSend>

/** What the timeline shows of an email: queued here, refused, sent, scheduled, or listed by the server. */
export type EmailStatus = 'queued' | 'refused' | 'sent' | 'scheduled' | 'recorded'

export interface AccountEmail {
  id: string
  account_id: string
  origin: 'local' | 'server'
  from_email: string
  recipients: { id: string; name: string; email: string | null }[]
  subject: string
  /** Plain text only: server HTML is never shown as HTML. */
  body_text: string
  scheduled_at: string | null
  time_zone: string
  status: EmailStatus
  /** The server rendered it for at least one recipient. */
  delivered: boolean
  /** The server's reason when it refused the email. */
  problem: string | null
  created_at: string
}
