import { randomUUID } from 'node:crypto'

// POST /api/accounts/<id>/create_mail/ and the account detail's `emails`, as
// Django-CRM 1.2 has them (docs/django-crm-email-mentions-notes.md §1-2),
// faults included: no idempotency (every POST stores a new row), no ids in the
// listing, recipients as contact ids of the org only, past times accepted, and
// scheduled mail stored but never sent.

type Obj = Record<string, unknown>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function bracesBalance(text: string): boolean {
  let depth = 0
  for (const c of text) {
    if (c === '{') depth++
    else if (c === '}' && --depth < 0) return false
  }
  return depth === 0
}

export interface MailWorld {
  account(orgId: string, id: string): Obj | undefined
  contact(orgId: string, id: string): Obj | undefined
  stamp(): string
}

export class AccountMail {
  /** Every stored AccountEmail row (with its account and recipients, which the listing leaves out). */
  readonly rows: Obj[] = []

  create(world: MailWorld, orgId: string, accountId: string, body: Obj): [number, unknown] {
    if (!world.account(orgId, accountId)) return [404, { error: true, errors: 'Account not found' }]
    const from = body['from_email']
    if (typeof from !== 'string' || !EMAIL.test(from) || from.length > 254) {
      return [400, { error: true, errors: { from_email: [typeof from === 'string' && from ? 'Enter a valid email address.' : 'This field is required.'] } }]
    }
    for (const field of ['message_subject', 'message_body'] as const) {
      if (body[field] === '') return [400, { error: true, errors: { [field]: ['This field may not be blank.'] } }]
    }
    const text = body['message_body']
    // The bracket validator cannot read a missing body: the real view ends in a 500.
    if (text === null || text === undefined) return [500, '<h1>Server Error (500)</h1>']
    if (typeof text !== 'string' || !bracesBalance(text)) return [400, { error: true, errors: { message_body: ['Brackets do not match, Enter valid tags.'] } }]
    const later = ['true', '1', 'yes'].includes(String(body['scheduled_later']).toLowerCase())
    const when = body['scheduled_date_time']
    if (when !== undefined && when !== null && when !== '' && (typeof when !== 'string' || !Number.isFinite(Date.parse(when)))) {
      return [400, { error: true, errors: { scheduled_date_time: ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'] } }]
    }
    if (later && !when) return [400, { error: true, errors: { scheduled_date_time: ['A scheduled email needs a date and time.'] } }]
    let ids = body['recipients'] ?? []
    if (typeof ids === 'string') {
      try {
        ids = ids.startsWith('[') ? JSON.parse(ids) : [ids]
      } catch {
        return [400, { recipients: ['recipients must be a list of ids.'] }]
      }
    }
    if (!Array.isArray(ids)) return [400, { recipients: ['recipients must be a list of ids.'] }]
    const list = ids.map((x) => (x && typeof x === 'object' ? (x as Obj)['id'] : x))
    const bad = list.find((x) => typeof x !== 'string' || !UUID.test(x))
    if (bad !== undefined) return [400, { recipients: [`'${String(bad)}' is not a valid id.`] }]
    const contacts = [...new Set(list as string[])].map((id) => world.contact(orgId, id))
    if (contacts.some((c) => !c)) return [400, { error: true, errors: { recipients: ['Please enter valid recipients.'] } }]
    const id = randomUUID()
    // Sent at once (Celery, later in truth) unless scheduled; scheduled mail is never sent by anything.
    const sendsTo = later ? [] : (contacts as Obj[]).filter((c) => typeof c['email'] === 'string' && c['email'])
    this.rows.unshift({
      id,
      account: accountId,
      org: orgId,
      recipients: contacts.map((c) => c!['id']),
      message_subject: typeof body['message_subject'] === 'string' ? body['message_subject'] : null,
      message_body: text,
      timezone: typeof body['timezone'] === 'string' ? body['timezone'] : 'UTC',
      scheduled_date_time: when ? new Date(Date.parse(when as string)).toISOString() : null,
      scheduled_later: later,
      created_at: world.stamp(),
      from_email: from,
      rendered_message_body: sendsTo.length ? text : null,
    })
    return [200, { error: false, message: later ? 'Email scheduled successfully' : 'Email sent successfully', id }]
  }

  /** The detail's `emails`: newest first, no id, no recipients, no status. */
  listFor(accountId: string): Obj[] {
    return this.rows
      .filter((r) => r['account'] === accountId)
      .map(({ id: _id, account: _a, org: _o, recipients: _r, ...shown }) => shown)
  }
}
