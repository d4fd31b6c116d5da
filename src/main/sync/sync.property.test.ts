import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openSyncRig, type SyncRig } from '../../../test/fake-crm/harness'
import { randomFaults, seeded } from '../../../test/fake-crm/faults'
import { ok } from '../../../test/support/temp-app'
import type { CrmApi } from '../../shared/ipc/api'
import { syncDb } from './schema'

// After random local edits, random network and server faults during syncs,
// and a final clean sync, the server holds exactly what the laptop holds:
// nothing lost, nothing duplicated. Internal notes keep their flag both ways,
// and every email written here is stored by create_mail exactly once.

type Op =
  | { k: 'account'; n: number; city: string }
  | { k: 'editAccount'; i: number; city: string }
  | { k: 'dropAccount'; i: number }
  | { k: 'contact'; n: number; withEmail: boolean; account: number }
  | { k: 'editContact'; i: number; title: string }
  | { k: 'dropContact'; i: number }
  | { k: 'case'; n: number; account: number; priority: 'Low' | 'High' }
  | { k: 'editCase'; i: number; priority: 'Normal' | 'Urgent' }
  | { k: 'comment'; on: 'account' | 'case'; i: number; text: string }
  | { k: 'editComment'; i: number; text: string }
  | { k: 'dropComment'; i: number }
  | { k: 'attach'; on: 'account' | 'case'; i: number; name: string }
  | { k: 'dropAttachment'; i: number }
  | { k: 'internal'; i: number; text: string }
  | { k: 'flipInternal'; i: number }
  | { k: 'email'; i: number; subject: string; later: boolean }
  | { k: 'sync' }

const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta')
const idx = fc.nat(20)
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('account' as const), n: fc.nat(30), city: word }),
  fc.record({ k: fc.constant('editAccount' as const), i: idx, city: word }),
  fc.record({ k: fc.constant('dropAccount' as const), i: idx }),
  fc.record({ k: fc.constant('contact' as const), n: fc.nat(30), withEmail: fc.boolean(), account: idx }),
  fc.record({ k: fc.constant('editContact' as const), i: idx, title: word }),
  fc.record({ k: fc.constant('dropContact' as const), i: idx }),
  fc.record({ k: fc.constant('case' as const), n: fc.nat(30), account: idx, priority: fc.constantFrom('Low' as const, 'High' as const) }),
  fc.record({ k: fc.constant('editCase' as const), i: idx, priority: fc.constantFrom('Normal' as const, 'Urgent' as const) }),
  fc.record({ k: fc.constant('comment' as const), on: fc.constantFrom('account' as const, 'case' as const), i: idx, text: word }),
  fc.record({ k: fc.constant('editComment' as const), i: idx, text: word }),
  fc.record({ k: fc.constant('dropComment' as const), i: idx }),
  fc.record({ k: fc.constant('attach' as const), on: fc.constantFrom('account' as const, 'case' as const), i: idx, name: word }),
  fc.record({ k: fc.constant('dropAttachment' as const), i: idx }),
  // Weighted up, so most runs have internal notes and emails.
  { arbitrary: fc.record({ k: fc.constant('internal' as const), i: idx, text: word }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('flipInternal' as const), i: idx }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('email' as const), i: idx, subject: word, later: fc.boolean() }), weight: 4 },
  fc.constant({ k: 'sync' as const }),
)

function pick<T>(list: T[], i: number): T | undefined {
  return list.length ? list[i % list.length] : undefined
}

async function ids(api: CrmApi) {
  const v = <T>(r: { ok: boolean; value?: T }) => (r.ok ? r.value! : ([] as unknown as T))
  const accounts = (await api.accounts.list({ state: 'all', limit: 500 })) as { ok: true; value: { items: { id: string }[] } }
  const contacts = (await api.contacts.list({ state: 'all', limit: 500 })) as { ok: true; value: { items: { id: string }[] } }
  const cases = (await api.cases.list({ state: 'all', limit: 500 })) as { ok: true; value: { items: { id: string }[] } }
  return { accounts: v(accounts).items.map((a) => a.id), contacts: v(contacts).items.map((c) => c.id), cases: v(cases).items.map((c) => c.id) }
}

async function apply(rig: SyncRig, o: Op): Promise<void> {
  const { api } = rig.app
  const now = await ids(api)
  const db = syncDb(rig.app.data.services.db)
  switch (o.k) {
    case 'account':
      await api.accounts.create({ name: `Account ${o.n}`, city: o.city })
      break
    case 'editAccount': {
      const id = pick(now.accounts, o.i)
      if (id) await api.accounts.update({ id, patch: { city: o.city } })
      break
    }
    case 'dropAccount': {
      const id = pick(now.accounts, o.i)
      if (id) await api.accounts.delete({ id })
      break
    }
    case 'contact':
      await api.contacts.create({
        first_name: 'Person',
        last_name: `N${o.n}`,
        ...(o.withEmail ? { email: `p${o.n}@example.com` } : {}),
        account_id: pick(now.accounts, o.account) ?? null,
      })
      break
    case 'editContact': {
      const id = pick(now.contacts, o.i)
      if (id) await api.contacts.update({ id, patch: { title: o.title } })
      break
    }
    case 'dropContact': {
      const id = pick(now.contacts, o.i)
      // An email whose contacts are all deleted is refused by design (emails.test.ts): its recipients stay here.
      const addressed = id && (await db.selectFrom('account_emails').select('id').where('recipient_ids', 'like', `%${id}%`).executeTakeFirst())
      if (id && !addressed) await api.contacts.delete({ id })
      break
    }
    case 'case':
      await api.cases.create({ name: `Case ${o.n}`, status: 'New', priority: o.priority, account_id: pick(now.accounts, o.account) ?? null })
      break
    case 'editCase': {
      const id = pick(now.cases, o.i)
      if (id) await api.cases.update({ id, patch: { priority: o.priority } })
      break
    }
    case 'comment': {
      const id = pick(o.on === 'account' ? now.accounts : now.cases, o.i)
      if (id) await api.comments.add({ parent: { type: o.on, id }, body: o.text })
      break
    }
    case 'editComment':
    case 'dropComment': {
      const rows = await db.selectFrom('comments').select('id').orderBy('seq').execute()
      const id = pick(rows, o.i)?.id
      if (!id) break
      if (o.k === 'editComment') await api.comments.update({ id, body: `${o.text} edited` })
      else await api.comments.delete({ id })
      break
    }
    case 'attach': {
      const id = pick(o.on === 'account' ? now.accounts : now.cases, o.i)
      if (!id) break
      const file = join(rig.app.dir, `${o.name}.txt`)
      await writeFile(file, `${o.name} content`)
      await api.attachments.add({ parent: { type: o.on, id }, source_path: rig.app.chose(file) })
      break
    }
    case 'dropAttachment': {
      const rows = await db.selectFrom('attachments').select('id').orderBy('seq').execute()
      const id = pick(rows, o.i)?.id
      if (id) await api.attachments.delete({ id })
      break
    }
    case 'internal': {
      // A case is opened for it when there is none.
      const id = pick(now.cases, o.i) ?? ok(await api.cases.create({ name: `Case for ${o.text}`, status: 'New', priority: 'Low' })).id
      await api.comments.add({ parent: { type: 'case', id }, body: `${o.text} note`, is_internal: true })
      break
    }
    case 'flipInternal': {
      const rows = await db.selectFrom('comments').select(['id', 'is_internal']).where('case_id', 'is not', null).orderBy('seq').execute()
      const row = pick(rows, o.i)
      if (row) await api.comments.update({ id: row.id, is_internal: row.is_internal !== 1 })
      break
    }
    case 'email': {
      const account = pick(now.accounts, o.i) ?? ok(await api.accounts.create({ name: `Account for ${o.subject}` })).id
      // Any contact with an address will do (the server takes any contact of the org); one is added when there is none.
      let to = await db.selectFrom('contacts').select('id').where('email', 'is not', null).orderBy('seq').execute()
      if (!to.length) to = [ok(await api.contacts.create({ first_name: 'Mail', last_name: o.subject, email: `m.${o.subject}@example.com`, account_id: account }))]
      const scheduledAt = o.later ? new Date(Date.now() + 7 * 24 * 3_600_000).toISOString() : null
      ok(await api.emails.send({ account_id: account, from_email: 'me@field.test', recipient_ids: [pick(to, o.i)!.id], subject: `Mail ${o.subject}`, body: `Hello *${o.subject}*`, scheduled_at: scheduledAt, time_zone: 'Europe/Berlin' }))
      break
    }
    case 'sync':
      await rig.engine.runOnce()
      break
  }
}

/** Both sides as comparable lists of plain values (sorted), with parents by name. */
async function localState(rig: SyncRig) {
  const db = syncDb(rig.app.data.services.db)
  const accounts = await db.selectFrom('accounts').select(['id', 'name', 'city']).execute()
  const accountName = new Map(accounts.map((a) => [a.id, a.name]))
  const contacts = await db.selectFrom('contacts').select(['first_name', 'last_name', 'email', 'title', 'account_id']).execute()
  const cases = await db.selectFrom('cases').select(['id', 'name', 'priority', 'account_id']).execute()
  const caseName = new Map(cases.map((c) => [c.id, c.name]))
  const comments = await db.selectFrom('comments').select(['body', 'account_id', 'case_id', 'is_internal']).execute()
  const emails = await db.selectFrom('account_emails').select(['account_id', 'subject', 'scheduled_at']).execute()
  const files = await db.selectFrom('attachments').select(['file_name', 'sha256', 'account_id', 'case_id']).execute()
  const fileText = async (sha256: string) => readFile(rig.app.data.services.files.pathOf(sha256), 'utf8')
  return {
    attachments: (await Promise.all(files.map(async (f) => `${f.account_id ? accountName.get(f.account_id) : caseName.get(f.case_id!)}|${f.file_name}|${await fileText(f.sha256)}`))).sort(),
    accounts: accounts.map((a) => `${a.name}|${a.city}`).sort(),
    contacts: contacts.map((c) => `${c.first_name} ${c.last_name}|${c.email ?? ''}|${c.title ?? ''}|${c.account_id ? accountName.get(c.account_id) : ''}`).sort(),
    cases: cases.map((c) => `${c.name}|${c.priority}|${c.account_id ? accountName.get(c.account_id) : ''}`).sort(),
    comments: comments.map((c) => `${c.account_id ? accountName.get(c.account_id) : caseName.get(c.case_id!)}|${c.body}|${c.is_internal === 1}`).sort(),
    emails: emails.map((e) => `${accountName.get(e.account_id)}|${e.subject}|${e.scheduled_at !== null}`).sort(),
  }
}

function serverState(rig: SyncRig) {
  const d = rig.fake.data
  const name = (kind: 'account' | 'case', id: unknown) => (id ? String(d.records[kind].get(String(id))?.['name'] ?? '?') : '')
  return {
    attachments: [...d.attachments.values()]
      .filter((a) => d.records[a['content_type'] as 'account' | 'case']?.has(String(a['object_id'])))
      .map((a) => `${name(a['content_type'] as 'account' | 'case', a['object_id'])}|${String(a['file_name'])}|${a.data.toString()}`)
      .sort(),
    accounts: [...d.records.account.values()].map((a) => `${String(a['name'])}|${String(a['city'] ?? null)}`).sort(),
    contacts: [...d.records.contact.values()].map((c) => `${String(c['first_name'])} ${String(c['last_name'])}|${String(c['email'] ?? '')}|${String(c['title'] ?? '')}|${name('account', c['account'])}`).sort(),
    cases: [...d.records.case.values()].map((c) => `${String(c['name'])}|${String(c['priority'])}|${name('account', c['account'])}`).sort(),
    comments: [...d.comments.values()]
      .filter((c) => d.records[c['content_type'] as 'account' | 'case']?.has(String(c['object_id'])))
      .map((c) => `${name(c['content_type'] as 'account' | 'case', c['object_id'])}|${String(c['comment'])}|${c['is_internal'] === true}`)
      .sort(),
    // Every create_mail the server stored for an account it still has: one per email written here, never two.
    emails: d.mail.rows
      .filter((e) => d.records.account.has(String(e['account'])))
      .map((e) => `${name('account', e['account'])}|${String(e['message_subject'])}|${e['scheduled_later'] === true}`)
      .sort(),
  }
}

/**
 * Runs that once failed, checked first on every run: a stalled upload was held
 * for a 10-minute limit; a case of an account deleted here came back from the
 * pull before the delete was pushed; a new account took the name of one
 * deleted here, and the server refused it because the delete went last.
 */
/**
 * Connects as a user would, before any fault is set. On a loaded machine the first request of a fresh
 * process can miss the rig's 250 ms time-out; that answer ("unavailable") is tried again, since the
 * property is about the rounds that follow, not the first connect.
 */
async function connect(rig: SyncRig, emailLogin: boolean): Promise<void> {
  const { sync } = rig.app.api
  for (let attempt = 1; attempt <= 5; attempt++) {
    let answer
    if (emailLogin) {
      // Signed in with an emailed code: JWTs that expire (at random below) and single-use refresh tokens.
      answer = await sync.requestCode({ serverUrl: rig.fake.url, email: rig.fake.adminEmail })
      const code = rig.fake.sentCodes.get(rig.fake.adminEmail)
      if (answer.ok && code) answer = await sync.verifyCode({ serverUrl: rig.fake.url, email: rig.fake.adminEmail, code })
    } else answer = await sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat })
    if (answer.ok || answer.error.code !== 'unavailable') return
  }
}

const RUNS = Number(process.env['FC_RUNS'] ?? 15)

const KNOWN: [Op[], number, boolean][] = [
  [[{ k: 'sync' }, { k: 'case', n: 0, account: 0, priority: 'Low' }, { k: 'attach', on: 'case', i: 0, name: 'alpha' }, { k: 'account', n: 0, city: 'alpha' }, { k: 'comment', on: 'account', i: 0, text: 'alpha' }, { k: 'sync' }, { k: 'dropComment', i: 0 }], 734367, false],
  [[{ k: 'account', n: 0, city: 'alpha' }, { k: 'case', n: 0, account: 0, priority: 'Low' }, { k: 'sync' }, { k: 'editAccount', i: 0, city: 'alpha' }, { k: 'dropContact', i: 0 }, { k: 'dropAccount', i: 0 }], 1, false],
  [[{ k: 'account', n: 11, city: 'alpha' }, { k: 'sync' }, { k: 'dropAccount', i: 0 }, { k: 'account', n: 11, city: 'alpha' }, { k: 'dropComment', i: 0 }, { k: 'editComment', i: 0, text: 'alpha' }], 1, false],
]

describe('sync under random faults', () => {
  it('converges: after a final clean sync the server equals the laptop, no duplicates, nothing lost', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 18 }), fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), async (ops, seed, emailLogin) => {
        const rig = await openSyncRig({ timeoutMs: 250 })
        try {
          await connect(rig, emailLogin)
          expect(ok(await rig.app.api.sync.status()).serverUrl).toBe(rig.fake.url)
          const faults = randomFaults(0.2, seed)
          const expiry = seeded(seed + 1)
          let sinceExpiry = 0
          rig.fake.setFaults((request) => {
            // Access tokens expire now and then (an hour apart in real life, so never twice in a row).
            if (++sinceExpiry > 20 && expiry() < 0.05) {
              rig.fake.identity.expireAccessTokens()
              sinceExpiry = 0
            }
            // A lost answer to a refresh signs the user out for good (the old token is spent): not a fault to survive.
            return request.path.startsWith('/api/auth/') ? null : faults(request)
          })
          for (const o of ops) await apply(rig, o)
          rig.fake.setFaults(null)
          let status = (await rig.engine.runOnce()).status
          for (let i = 0; i < 3 && status.pending > 0; i++) status = (await rig.engine.runOnce()).status
          expect(status).toMatchObject({ state: 'idle', pending: 0, failed: 0, conflicts: 0 })
          expect(serverState(rig)).toEqual(await localState(rig))
          const mapped = await syncDb(rig.app.data.services.db).selectFrom('accounts').select('remote_id').execute()
          expect(mapped.every((m) => m.remote_id && rig.fake.data.records.account.has(m.remote_id))).toBe(true)
        } finally {
          await rig.close()
        }
      }),
      // A run that hangs fails with its counterexample instead of timing the whole test out.
      // FC_RUNS and FC_SEED widen or replay a run by hand.
      { numRuns: RUNS, timeout: 15_000, examples: KNOWN, ...(process.env['FC_SEED'] ? { seed: Number(process.env['FC_SEED']) } : {}) },
    )
  }, RUNS * 12_000)
})
