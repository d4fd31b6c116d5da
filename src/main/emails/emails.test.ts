import { describe, expect, it } from 'vitest'
import { err, ok, type TempApp } from '../../../test/support/temp-app'
import { syncRigsForTests } from '../../../test/fake-crm/rigs-for-tests'
import { faultOn } from '../../../test/fake-crm/faults'
import { startFakeCrm } from '../../../test/fake-crm/server'
import type { AccountEmail } from '../../shared/domain/emails'

// Email from an account: saved and queued together, sent to create_mail once
// (a lost answer or a crash is looked up by the body marker, never sent again),
// refusals shown with the server's reason, the server's emails pulled down.

const rigs = syncRigsForTests()
const HOUR = 3_600_000

async function accountWithContacts(app: TempApp) {
  const account = ok(await app.api.accounts.create({ name: 'Acme' }))
  const ada = ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@acme.test', account_id: account.id }))
  const bob = ok(await app.api.contacts.create({ first_name: 'Bob', last_name: 'Noaddress', account_id: account.id }))
  return { account, ada, bob }
}

function draft(accountId: string, recipient: string, extra: Partial<Parameters<TempApp['api']['emails']['send']>[0]> = {}) {
  return { account_id: accountId, from_email: 'me@field.test', recipient_ids: [recipient], subject: 'Quote', body: 'Hello **{{ name }}**', scheduled_at: null, time_zone: 'Europe/Berlin', ...extra }
}

async function emailsOf(app: TempApp, accountId: string): Promise<AccountEmail[]> {
  return ok(await app.api.accounts.get({ id: accountId })).timeline.flatMap((t) => (t.kind === 'email' ? [t.email] : []))
}

const outboxOf = (app: TempApp) => app.data.services.db.sqlite.prepare("SELECT entity, op FROM outbox WHERE entity = 'email'").all()

describe('email from an account', () => {
  it('is saved with its outbox entry, and refused with nothing written when a rule is broken', async () => {
    const r = await rigs.open()
    const { app } = r
    const { account, ada, bob } = await accountWithContacts(app)
    const count = () => app.data.services.db.sqlite.prepare('SELECT (SELECT count(*) FROM account_emails) + (SELECT count(*) FROM outbox)').pluck().get()
    const before = count()
    expect(err(await app.api.emails.send(draft(account.id, ada.id, { scheduled_at: new Date(Date.now() - HOUR).toISOString() }))).fields).toHaveProperty('scheduled_at')
    expect(err(await app.api.emails.send(draft(account.id, ada.id, { body: 'Hi { there' }))).fields).toHaveProperty('body')
    expect(err(await app.api.emails.send(draft(account.id, ada.id, { from_email: 'nope' }))).fields).toHaveProperty('from_email')
    expect(err(await app.api.emails.send(draft(account.id, bob.id))).message).toMatch(/No email address: Bob Noaddress/)
    expect(err(await app.api.emails.send({ ...draft(account.id, ada.id), recipient_ids: [] })).fields).toHaveProperty('recipient_ids')
    expect(count()).toBe(before)

    const sent = ok(await app.api.emails.send(draft(account.id, ada.id)))
    expect(sent).toMatchObject({ status: 'queued', subject: 'Quote', body_text: 'Hello {{ name }}', recipients: [{ name: 'Ada Lovelace', email: 'ada@acme.test' }] })
    expect(outboxOf(app)).toEqual([{ entity: 'email', op: 'create' }])
  })

  it('sends now: one create_mail with contact ids, HTML and the marker; marked sent; never sent again', async () => {
    const r = await rigs.connected()
    const { app } = r
    const { account, ada } = await accountWithContacts(app)
    ok(await app.api.emails.send(draft(account.id, ada.id)))
    await r.engine.runOnce()
    const rows = r.fake.data.mail.rows
    expect(rows).toHaveLength(1)
    const adaRemote = [...r.fake.data.records.contact.values()].find((c) => c['email'] === 'ada@acme.test')!['id']
    expect(rows[0]).toMatchObject({ recipients: [adaRemote], message_subject: 'Quote', scheduled_later: false, timezone: 'Europe/Berlin', from_email: 'me@field.test' })
    expect(rows[0]!['message_body']).toMatch(/^<p>Hello <strong>\{\{ name \}\}<\/strong><\/p>\n<!-- fieldcrm:[0-9a-f-]{36} -->$/)
    const [email] = await emailsOf(app, account.id)
    expect(email).toMatchObject({ status: 'sent', delivered: false, origin: 'local' })
    // The next rounds pull it back as the same email (now rendered for a recipient: delivered) and post nothing.
    r.fake.log.length = 0
    await r.engine.runOnce()
    await r.engine.runOnce()
    expect(r.fake.log.filter((l) => l.startsWith('POST'))).toEqual([])
    expect(await emailsOf(app, account.id)).toEqual([{ ...email, delivered: true }])
    expect(outboxOf(app)).toEqual([])
  })

  it.each(['reset-after', '500-after', 'hang-after'] as const)('after a lost answer (%s) it is found by its marker, not sent twice', async (fault) => {
    const r = await rigs.connected()
    const { app } = r
    const { account, ada } = await accountWithContacts(app)
    ok(await app.api.emails.send(draft(account.id, ada.id)))
    await r.engine.runOnce()
    r.fake.setFaults(faultOn('POST', /\/create_mail\/$/, fault))
    ok(await app.api.emails.send(draft(account.id, ada.id, { subject: 'Second' })))
    await r.engine.runOnce()
    expect(r.fake.data.mail.rows).toHaveLength(2)
    r.fake.setFaults(null)
    // A round that reads no details: the push's own lookup is what keeps it from going twice.
    await r.engine.runOnce(false)
    expect(r.fake.data.mail.rows).toHaveLength(2)
    for (let i = 0; i < 2; i++) await r.engine.runOnce()
    expect(r.fake.data.mail.rows.map((e) => e['message_subject'])).toEqual(['Second', 'Quote'])
    expect((await emailsOf(app, account.id)).map((e) => [e.subject, e.status])).toEqual([['Second', 'sent'], ['Quote', 'sent']])
    expect(outboxOf(app)).toEqual([])
  })

  it('a request that never reached the server is sent on the next round, once', async () => {
    const r = await rigs.connected()
    const { app } = r
    const { account, ada } = await accountWithContacts(app)
    await r.engine.runOnce()
    r.fake.setFaults(faultOn('POST', /\/create_mail\/$/, '500', 99))
    ok(await app.api.emails.send(draft(account.id, ada.id)))
    await r.engine.runOnce()
    expect(r.fake.data.mail.rows).toHaveLength(0)
    expect((await emailsOf(app, account.id))[0]!.status).toBe('queued')
    r.fake.setFaults(null)
    await r.engine.runOnce()
    await r.engine.runOnce()
    expect(r.fake.data.mail.rows).toHaveLength(1)
  })

  it('schedules in UTC with the sender zone as a label; the state says scheduled', async () => {
    const r = await rigs.connected()
    const { app } = r
    const { account, ada } = await accountWithContacts(app)
    const at = new Date(Math.ceil((Date.now() + 48 * HOUR) / 60_000) * 60_000)
    // Typed as 09:30+02:00 or the like: stored and sent in UTC.
    const withOffset = at.toISOString().replace('Z', '+00:00')
    ok(await app.api.emails.send(draft(account.id, ada.id, { scheduled_at: withOffset })))
    await r.engine.runOnce()
    expect(r.fake.data.mail.rows[0]).toMatchObject({ scheduled_later: true, scheduled_date_time: at.toISOString(), timezone: 'Europe/Berlin', rendered_message_body: null })
    expect((await emailsOf(app, account.id))[0]).toMatchObject({ status: 'scheduled', scheduled_at: at.toISOString() })
  })

  it("a refusal is final: shown with the server's reason, not posted again", async () => {
    const r = await rigs.connected()
    const { app } = r
    const { account, ada } = await accountWithContacts(app)
    await r.engine.runOnce()
    // As when the contact was moved to another org there meanwhile.
    r.fake.setOverride(({ path }) => (path.endsWith('/create_mail/') ? [400, { error: true, errors: { recipients: ['Please enter valid recipients.'] } }] : null))
    ok(await app.api.emails.send(draft(account.id, ada.id)))
    await r.engine.runOnce()
    expect((await emailsOf(app, account.id))[0]).toMatchObject({ status: 'refused', problem: 'recipients: Please enter valid recipients.' })
    r.fake.log.length = 0
    await r.engine.runOnce()
    expect(r.fake.log.filter((l) => l.includes('create_mail'))).toEqual([])
    expect((await emailsOf(app, account.id))[0]!.status).toBe('refused')
  })

  it("brings the server's emails of an account down, as text only", async () => {
    const r = await rigs.connected()
    const { app } = r
    const { account, ada } = await accountWithContacts(app)
    await r.engine.runOnce()
    const accountRemote = [...r.fake.data.records.account.values()][0]!['id'] as string
    const adaRemote = [...r.fake.data.records.contact.values()].find((c) => c['email'] === 'ada@acme.test')!['id']
    r.fake.data.createMail(r.fake.org.id, accountRemote, { from_email: 'boss@acme.test', recipients: [adaRemote], message_subject: 'From the web', message_body: '<p>Hi <img src=x onerror=alert(1)>there</p>' })
    await r.engine.runOnce()
    const [email] = await emailsOf(app, account.id)
    expect(email).toMatchObject({ origin: 'server', subject: 'From the web', body_text: 'Hi there', from_email: 'boss@acme.test', status: 'recorded', delivered: true })
    await r.engine.runOnce()
    expect(await emailsOf(app, account.id)).toHaveLength(1)
    void ada
  })

  it('connecting to another server sends it only the emails not sent yet', async () => {
    const r = await rigs.connected()
    const { app } = r
    const { account, ada } = await accountWithContacts(app)
    ok(await app.api.emails.send(draft(account.id, ada.id, { subject: 'Sent before' })))
    await r.engine.runOnce()
    r.fake.setFaults(faultOn('POST', /\/create_mail\/$/, '500', 99))
    ok(await app.api.emails.send(draft(account.id, ada.id, { subject: 'Not sent yet' })))
    await r.engine.runOnce()
    r.fake.setFaults(null)
    const other = await startFakeCrm()
    try {
      ok(await app.api.sync.connectToken({ serverUrl: other.url, token: other.pat }))
      await r.engine.runOnce()
      expect(other.data.mail.rows.map((e) => e['message_subject'])).toEqual(['Not sent yet'])
      expect((await emailsOf(app, account.id)).map((e) => [e.subject, e.status])).toEqual([['Not sent yet', 'sent'], ['Sent before', 'sent']])
    } finally {
      await r.engine.stop()
      await other.close()
    }
  })
})
