import type { z } from 'zod'
import { accountFields } from '../../shared/domain/accounts'
import { caseFields } from '../../shared/domain/cases'
import { commentBody } from '../../shared/domain/comments'
import { contactFields } from '../../shared/domain/contacts'
import { tagCreate } from '../../shared/domain/tags'
import type { SyncEntity, Values } from './fields'

// A server's values are checked with the very schemas the app's own forms
// and handlers use before they are written: the database's CHECK rules would
// otherwise fail the whole pull on one value, and a value outside the local
// rules (a status "Hacked", a 5 MB name, a javascript: link) would reach the
// screens. A record that does not fit is set aside; the rest goes on.

/** What each schema checks of a pulled record: the fields it knows, in the shape it takes. */
const CHECKS: Record<SyncEntity, ((values: Values) => { schema: z.ZodType; input: unknown }) | null> = {
  tag: (v) => ({ schema: tagCreate, input: { name: v['name'], color: v['color'] } }),
  account: (v) => ({ schema: accountFields, input: v }),
  contact: (v) => ({ schema: contactFields, input: v }),
  // Without the "closed needs a date" rule: older server rows may lack the date, and this is the server's value, not a new close.
  case: (v) => ({ schema: caseFields, input: v }),
  comment: (v) => ({ schema: commentBody, input: v['body'] }),
  attachment: null,
  // Checked as they come down (pull-emails.ts).
  email: null,
}

const SERVER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for a server id the app may put in a request path (Django-CRM ids are UUIDs). */
export function isServerId(value: unknown): value is string {
  return typeof value === 'string' && SERVER_ID.test(value)
}

/** Why `values` (a server record in local terms) cannot be stored here, or null when it can. */
export function problemWith(entity: SyncEntity, values: Values): string | null {
  const check = CHECKS[entity]?.(values)
  const result = check?.schema.safeParse(check.input)
  if (!result || result.success) return null
  const issue = result.error.issues[0]!
  const field = issue.path.join('.') || (entity === 'comment' ? 'body' : '')
  return printable(field ? `${field}: ${issue.message}` : issue.message)
}

/** Control and bidirectional-override characters (U+202E shows "exe.txt" for "txt.exe") taken out, and at most `max` characters. */
export function printable(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}
