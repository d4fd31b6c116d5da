import type { AccountDeleteImpact } from '../../../shared/domain/delete-impact'
import { formatCount } from '../app/format'

// How an account's delete is put into words: the dialog's list, and the toast.

const count = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`

/** Other records are deleted or changed: the user is asked first. */
export function reachesOtherRecords(impact: AccountDeleteImpact): boolean {
  return impact.cases > 0 || impact.contacts > 0
}

function timeline(comments: number, attachments: number): string | null {
  const parts = [comments ? count(comments, 'comment') : null, attachments ? count(attachments, 'attachment') : null].filter(Boolean)
  return parts.length ? parts.join(' and ') : null
}

/** One line per kind of thing the delete reaches. */
export function impactLines(impact: AccountDeleteImpact): string[] {
  const lines: string[] = []
  if (impact.cases) {
    const theirs = timeline(impact.caseComments, impact.caseAttachments)
    lines.push(`${count(impact.cases, 'case')} ${impact.cases === 1 ? 'is' : 'are'} deleted${theirs ? `, with ${theirs} on ${impact.cases === 1 ? 'it' : 'them'}` : ''}`)
  }
  const own = timeline(impact.comments, impact.attachments)
  if (own) lines.push(`${own} on the account ${impact.comments + impact.attachments === 1 ? 'is' : 'are'} deleted`)
  if (impact.contacts) lines.push(`${count(impact.contacts, 'contact')} ${impact.contacts === 1 ? 'is' : 'are'} kept, no longer linked to the account`)
  return lines
}

/** The toast's words: what went, in short. */
export function deletedMessage(title: string, impact: AccountDeleteImpact | null): string {
  const base = `Account “${title}” deleted`
  if (!impact?.cases) return base
  return `${base} with ${count(impact.cases, 'case')}`
}
