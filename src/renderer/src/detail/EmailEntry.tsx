import type { AccountEmail } from '../../../shared/domain/emails'
import type { TimelineEntry } from '../../../shared/domain/records'
import { formatDateTime, formatRelative } from '../app/format'

// One email in an account's timeline: what was sent, to whom, and where it
// stands. Only text is shown (a server email's HTML never reaches the page).

/** Where the email stands, in words. */
export function emailState(e: AccountEmail): { label: string; detail: string | null; tone: 'muted' | 'ok' | 'warn' | 'bad' } {
  switch (e.status) {
    case 'queued':
      return { label: 'Queued', detail: 'Goes to the server at the next sync.', tone: 'muted' }
    case 'refused':
      return { label: 'Refused by the server', detail: e.problem, tone: 'bad' }
    case 'scheduled':
      return {
        label: e.scheduled_at ? `Scheduled for ${formatDateTime(e.scheduled_at)}` : 'Scheduled',
        detail: 'Recorded on the server. Django-CRM 1.2 keeps scheduled email but does not send it by itself.',
        tone: 'warn',
      }
    case 'sent':
      return { label: 'Sent', detail: e.delivered ? null : 'Handed to the server for sending.', tone: 'ok' }
    case 'recorded':
      return e.delivered
        ? { label: 'Sent', detail: 'Sent from the server.', tone: 'ok' }
        : { label: 'Recorded on the server', detail: 'Not sent yet, or it failed there; the server does not say which.', tone: 'warn' }
  }
}

export function EmailEntry({ entry }: { entry: Extract<TimelineEntry, { kind: 'email' }> }) {
  const e = entry.email
  const state = emailState(e)
  const to = e.recipients.map((r) => (r.email ? `${r.name} <${r.email}>` : r.name)).join(', ')
  return (
    <li className="entry email" aria-label={`Email ${e.subject}`}>
      <div className="entry-icon file-icon" aria-hidden="true">
        @
      </div>
      <div className="entry-body">
        <div className="entry-meta">
          <span className="strong">{e.subject}</span>
          <time dateTime={entry.at} title={formatDateTime(entry.at)}>
            {formatRelative(entry.at)}
          </time>
          <span className={`pill email-state ${state.tone}`}>{state.label}</span>
        </div>
        <p className="muted">
          From {e.from_email}
          {to && <> to {to}</>}
        </p>
        {state.detail && <p className={`email-state-detail ${state.tone}`}>{state.detail}</p>}
        <p className="comment-text email-text">{e.body_text}</p>
      </div>
    </li>
  )
}
