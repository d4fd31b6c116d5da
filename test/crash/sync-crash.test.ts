import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { attachSync } from '../../src/main/sync/registry'
import { syncDb } from '../../src/main/sync/schema'
import type { FaultPlan } from '../fake-crm/faults'
import { fakeSecretBox } from '../fake-crm/secret-box'
import { startFakeCrm, type FakeCrm } from '../fake-crm/server'
import { CHILD_ENV, childForTests } from '../support/bundle-child'
import { eachLine } from '../support/child-lines'
import { ok, openTempApp, type TempApp } from '../support/temp-app'

// A push killed while a create is on the wire: the server saved the record,
// its answer never came back. The next round must find that record on the
// server, not send it a second time. Contacts without an email, comments and
// emails are the records at stake: nothing unique on the server refuses a second one.

const bundled = childForTests('test/crash/sync-child.ts', 'fieldcrm-sync-crash-')

/** The app in `dir`, with a sync engine whose key store is sealed with `key`. */
async function openSynced(dir: string, key: Buffer) {
  const app = await openTempApp({ dir })
  const engine = attachSync(app.data.services, {
    secretBox: fakeSecretBox(true, key),
    tuning: { concurrency: 4, tries: 3, baseDelayMs: 1, maxDelayMs: 10 },
    timeoutMs: 2_000,
  })
  return { app, engine, close: async () => (await engine.stop(), await app.close()) }
}

/** Runs the child's round until the server has saved, and never answered, the `nth` request `matches` picks; then SIGKILL. */
async function killDuringCreate(fake: FakeCrm, dir: string, key: Buffer, matches: (method: string, path: string) => boolean, nth: number) {
  let seen = 0
  let hung: () => void
  const hangs = new Promise<void>((resolve) => (hung = resolve))
  const plan: FaultPlan = (r) => {
    if (!matches(r.method, r.path) || ++seen !== nth) return null
    hung()
    return 'hang-after'
  }
  fake.setFaults(plan)
  const child = spawn(process.execPath, [bundled.script, dir, key.toString('hex')], { stdio: ['ignore', 'pipe', 'pipe'], env: CHILD_ENV })
  let said = ''
  eachLine(child.stdout, (line) => (said += line + '\n'))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (said += chunk))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const tooLong = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the child never sent create #${nth}:\n${said}`)), 20_000).unref())
  await Promise.race([hangs, tooLong, exited.then(() => Promise.reject(new Error(`the child ended before create #${nth}:\n${said}`)))])
  // Time for everything else the child had answers for to be committed: only the unanswered create is in doubt.
  await new Promise((resolve) => setTimeout(resolve, 300))
  child.kill('SIGKILL')
  await exited
  fake.setFaults(null)
}

const scenarios = [
  {
    what: 'contacts without an email',
    async makeLocal(app: TempApp) {
      for (let i = 1; i <= 6; i++) ok(await app.api.contacts.create({ first_name: 'Kim', last_name: `Crash ${i}` }))
    },
    isCreate: (method: string, path: string) => method === 'POST' && path === '/api/contacts/',
    onServer: (fake: FakeCrm) => [...fake.data.records.contact.values()].map((c) => String(c['last_name'])),
    table: 'contacts' as const,
  },
  {
    what: 'comments',
    async makeLocal(app: TempApp, engine: { runOnce(): Promise<unknown> }) {
      const account = ok(await app.api.accounts.create({ name: 'Commented' }))
      await engine.runOnce()
      for (let i = 1; i <= 6; i++) ok(await app.api.comments.add({ parent: { type: 'account', id: account.id }, body: `Note ${i}` }))
    },
    isCreate: (method: string, path: string) => method === 'POST' && /^\/api\/accounts\/[^/]+\/$/.test(path),
    onServer: (fake: FakeCrm) => [...fake.data.comments.values()].map((c) => String(c['comment'])),
    table: 'comments' as const,
  },
  {
    // create_mail has no idempotency key, and a second POST would mail the contact twice.
    what: 'emails',
    async makeLocal(app: TempApp, engine: { runOnce(): Promise<unknown> }) {
      const account = ok(await app.api.accounts.create({ name: 'Mailed' }))
      const to = ok(await app.api.contacts.create({ first_name: 'Mia', last_name: 'Mail', email: 'mia@mailed.test', account_id: account.id }))
      await engine.runOnce()
      for (let i = 1; i <= 6; i++) {
        ok(await app.api.emails.send({ account_id: account.id, from_email: 'me@field.test', recipient_ids: [to.id], subject: `Mail ${i}`, body: 'Hello', scheduled_at: null, time_zone: 'UTC' }))
      }
    },
    isCreate: (method: string, path: string) => method === 'POST' && path.endsWith('/create_mail/'),
    onServer: (fake: FakeCrm) => fake.data.mail.rows.map((e) => String(e['message_subject'])),
    table: 'account_emails' as const,
    // The server's listing has no ids: an email found after the crash is known by its marker, not by an id.
    allSettled: async (app: TempApp) => {
      const rows = await syncDb(app.data.services.db).selectFrom('account_emails').select('state').execute()
      return rows.length === 6 && rows.every((r) => r.state === 'sent')
    },
  },
]

it.each(scenarios)('a push killed while a create of $what is on the wire sends it only once', async (scenario) => {
  const fake = await startFakeCrm()
  const dir = await mkdtemp(join(bundled.work, 'data-'))
  const key = randomBytes(32)
  try {
    const first = await openSynced(dir, key)
    ok(await first.app.api.sync.connectToken({ serverUrl: fake.url, token: fake.pat }))
    await first.engine.runOnce()
    await scenario.makeLocal(first.app, first.engine)
    await first.close()

    await killDuringCreate(fake, dir, key, scenario.isCreate, 3)
    const sentBeforeKill = scenario.onServer(fake)
    expect(sentBeforeKill.length).toBeGreaterThanOrEqual(3)

    const after = await openSynced(dir, key)
    try {
      const round = await after.engine.runOnce()
      expect(round.status.state).toBe('idle')
      expect(round.status.pending).toBe(0)
      expect(round.status.failed).toBe(0)
      const onServer = scenario.onServer(fake)
      expect(onServer).toHaveLength(6)
      expect(new Set(onServer).size).toBe(6)
      const allSettled = (scenario as { allSettled?: (app: TempApp) => Promise<boolean> }).allSettled
      if (allSettled) expect(await allSettled(after.app)).toBe(true)
      else {
        const local = await syncDb(after.app.data.services.db).selectFrom(scenario.table).select('remote_id').execute()
        expect(new Set(local.map((r) => r.remote_id)).size).toBe(6)
        expect(local.every((r) => r.remote_id !== null)).toBe(true)
      }
    } finally {
      await after.close()
    }
  } finally {
    await fake.close()
  }
})
