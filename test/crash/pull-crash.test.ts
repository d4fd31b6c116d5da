import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { startAppData } from '../../src/main/backup/recovery'
import { recordingDesktop } from '../../src/main/desktop'
import { attachSync } from '../../src/main/sync/registry'
import { fakeSecretBox } from '../fake-crm/secret-box'
import { startFakeCrm, type FakeCrm } from '../fake-crm/server'
import { CHILD_ENV, childForTests } from '../support/bundle-child'
import { eachLine } from '../support/child-lines'
import { seededRandom } from '../support/seeded-random'
import { ok, openTempApp } from '../support/temp-app'

// A sync pull killed at a moment spread over the whole round (SIGKILL),
// while the server keeps changing between rounds (new, edited and deleted
// records): after each kill the folder opens sound (integrity, foreign keys),
// the pull has queued nothing to send back (no outbox entry), every record has
// its server id; and the next full round leaves exactly the server's records,
// none twice, none lost. CRASH_PULL_KILLS sets the kills (6 by default).

const KILLS = Number(process.env['CRASH_PULL_KILLS'] ?? 6)
const SEED = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000)

const bundled = childForTests('test/crash/pull-child.ts', 'fieldcrm-pull-crash-')

/** Server-side changes between rounds: `n` new accounts with a contact each, some edits and deletes. */
function changeServer(fake: FakeCrm, round: number, n: number, random: () => number) {
  const org = fake.org.id
  const accounts = [...fake.data.records.account.keys()]
  for (let i = 0; i < n; i++) {
    const [, { id }] = fake.data.create(org, 'account', { name: `Server ${round}-${i}`, city: 'Remote' }, 'seed') as [number, { id: string }]
    fake.data.create(org, 'contact', { first_name: 'Pat', last_name: `Server ${round}-${i}`, account: id }, 'seed')
  }
  for (const id of accounts.slice(0, 20)) if (random() < 0.5) fake.data.records.account.get(id)!['city'] = `Edited ${round}`
  for (const id of accounts.slice(20, 25)) if (random() < 0.3) fake.data.remove(org, 'account', id)
}

/** Runs the pull child and kills it `delayMs` after its round begins (null: lets the round finish). */
function killDuringRound(dir: string, key: Buffer, delayMs: number | null) {
  return new Promise<{ killed: boolean; ms: number | null; said: string }>((resolveLife, reject) => {
    const child = spawn(process.execPath, [bundled.script, dir, key.toString('hex')], { stdio: ['ignore', 'pipe', 'pipe'], env: CHILD_ENV })
    let said = ''
    let ms: number | null = null
    let timer: NodeJS.Timeout | undefined
    eachLine(child.stdout, (line) => {
      said += line + '\n'
      if (line === 'round begins' && delayMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), delayMs)
      const over = /^round over (\d+)$/.exec(line)
      if (over) ms = Number(over[1])
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (said += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`the pull child failed:\n${said}`))
      resolveLife({ killed: signal === 'SIGKILL', ms, said })
    })
  })
}

it(`survives ${KILLS} SIGKILLs spread over a sync pull`, async () => {
  const random = seededRandom(SEED)
  const fake = await startFakeCrm()
  const dir = await mkdtemp(join(bundled.work, 'data-'))
  const key = randomBytes(32)
  const options = { secretBox: fakeSecretBox(true, key), tuning: { concurrency: 4, tries: 3, baseDelayMs: 1, maxDelayMs: 10 }, timeoutMs: 5_000 }
  try {
    const first = await openTempApp({ dir })
    const connecting = attachSync(first.data.services, options)
    ok(await first.api.sync.connectToken({ serverUrl: fake.url, token: fake.pat }))
    await connecting.stop()
    await first.close()

    // One whole round first, to spread the kills over a round's length on this machine (a fixed
    // guess was longer than the rounds on a fast one, and half the kills came after the round).
    changeServer(fake, -1, 150, random)
    const calibration = await killDuringRound(dir, key, null)
    if (calibration.ms === null) throw new Error(`the calibration round did not finish:\n${calibration.said}`)
    let longest = calibration.ms
    let killed = 0
    for (let life = 0; life < KILLS; life++) {
      changeServer(fake, life, 150, random)
      const result = await killDuringRound(dir, key, random() * longest)
      if (result.ms !== null) longest = Math.max(longest, result.ms)
      if (result.killed) killed++
      const context = `after life ${life} (CRASH_SEED=${SEED})`
      const started = await startAppData({ dataDir: dir, desktop: recordingDesktop() })
      if (started.kind !== 'ready') throw new Error(`${context}: ${started.problem}`)
      const sqlite = started.data.services.db.sqlite
      try {
        expect(sqlite.pragma('integrity_check', { simple: true }), context).toBe('ok')
        expect(sqlite.pragma('foreign_key_check'), context).toEqual([])
        expect(sqlite.prepare('SELECT count(*) FROM outbox').pluck().get(), `${context}: outbox entries made by a pull`).toBe(0)
        for (const table of ['accounts', 'contacts']) {
          expect(sqlite.prepare(`SELECT count(*) FROM ${table} WHERE remote_id IS NULL`).pluck().get(), `${context}: ${table} without a server id`).toBe(0)
        }
      } finally {
        await started.data.close()
      }
    }
    expect(killed, 'kills that landed inside a round').toBeGreaterThan(KILLS / 2)

    // A round to the end brings the local data to exactly the server's.
    const last = await openTempApp({ dir })
    const engine = attachSync(last.data.services, options)
    try {
      const round = await engine.runOnce()
      expect(round.status.failed).toBe(0)
      const local = last.data.services.db.sqlite.prepare('SELECT remote_id FROM accounts ORDER BY remote_id').pluck().all()
      expect(local).toEqual([...fake.data.records.account.keys()].sort())
      const contacts = last.data.services.db.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get()
      expect(contacts).toBe(fake.data.records.contact.size)
    } finally {
      await engine.stop()
      await last.close()
    }
  } finally {
    await fake.close()
  }
}, 180_000)
