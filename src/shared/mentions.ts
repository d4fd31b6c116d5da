// @mentions as Django-CRM reads them (docs/django-crm-email-mentions-notes.md §3.2):
// plain text "@" + the local part of a user's email address (letters, digits,
// ".", "_", "-"), with no letter or digit right before the "@" (so an email
// address is not a mention), matched without regard to case.

const MENTION = /(?<![A-Za-z0-9])@([A-Za-z0-9._-]+)/g
const HANDLE = /^[A-Za-z0-9._-]+$/

/** The handle a user is mentioned by, or null when their address has none the server could match. */
export function handleOf(email: string): string | null {
  const local = email.slice(0, email.lastIndexOf('@'))
  return local && HANDLE.test(local) ? local : null
}

/** Every handle mentioned in `text`, lower-cased. */
export function mentionedHandles(text: string): string[] {
  return [...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase())
}

export function mentions(text: string, handle: string): boolean {
  return mentionedHandles(text).includes(handle.toLowerCase())
}

export interface Segment {
  text: string
  /** Set on a mention of a known handle (lower-cased). */
  handle?: string
}

/** `text` split into plain runs and mentions of the handles in `known` (lower-cased), for showing them highlighted. */
export function mentionSegments(text: string, known: ReadonlySet<string>): Segment[] {
  const out: Segment[] = []
  let last = 0
  for (const m of text.matchAll(MENTION)) {
    const handle = m[1]!.toLowerCase()
    if (!known.has(handle)) continue
    if (m.index > last) out.push({ text: text.slice(last, m.index) })
    out.push({ text: m[0], handle })
    last = m.index + m[0].length
  }
  if (last < text.length) out.push({ text: text.slice(last) })
  return out
}

/** The "@query" being typed just before the caret, or null. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret)
  const m = /(?<![A-Za-z0-9])@([A-Za-z0-9._-]*)$/.exec(before)
  return m ? { start: m.index, query: m[1]! } : null
}
