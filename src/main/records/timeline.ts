import type { ParentRef, TimelineEntry } from '../../shared/domain/records'
import { attachmentsOf } from '../attachments/queries'
import { commentsOf } from '../comments/queries'
import { statusHistoryOf } from '../cases/history'
import type { Reads } from '../db/held-connection'
import { emailsOf } from '../emails/queries'

/** A record's comments and attachments (a case's status history, an account's emails) merged, newest first. */
export async function timelineOf(db: Reads, parent: ParentRef): Promise<TimelineEntry[]> {
  const [comments, attachments, history, emails] = await Promise.all([
    commentsOf(db, parent),
    attachmentsOf(db, parent),
    parent.type === 'case' ? statusHistoryOf(db, parent.id) : [],
    parent.type === 'account' ? emailsOf(db, parent.id) : [],
  ])
  const entries: TimelineEntry[] = [
    ...emails.map((email) => ({ kind: 'email' as const, at: email.created_at, email })),
    ...comments.map((comment) => ({ kind: 'comment' as const, at: comment.created_at, comment })),
    ...attachments.map((attachment) => ({ kind: 'attachment' as const, at: attachment.created_at, attachment })),
    ...history,
  ]
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
}
