import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ok } from '../../../test/support/temp-app'
import { openSyncRig } from '../../../test/fake-crm/harness'
import { randomFaults } from '../../../test/fake-crm/faults'

// On a link that loses about one request in five (drops, resets mid-answer,
// 500s after the work is done, answers that never come), sync still makes
// progress: what got through is kept, a failed change goes again on its own,
// and a thousand changes reach the server within a few rounds, none twice.

const ROUNDS = 8
const ACCOUNTS = 600
const CONTACTS = 250
const CASES = 150
// One random seed per run keeps CI's cost at about half a minute (a failure prints its seed);
// LOSSY_RUNS=20 for a longer search.
const RUNS = Number(process.env['LOSSY_RUNS'] ?? 1)

describe('sync on a lossy link', () => {
  it(`with ~20% of requests failing at random, ${ACCOUNTS + CONTACTS + CASES} changes all reach the server within ${ROUNDS} rounds, with no duplicate`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const rig = await openSyncRig({ timeoutMs: 250, tuning: { concurrency: 4, tries: 3, baseDelayMs: 1, maxDelayMs: 10 } })
        try {
          const { api } = rig.app
          ok(await api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat }))
          await rig.engine.runOnce()
          const accountIds: string[] = []
          for (let i = 0; i < ACCOUNTS; i++) accountIds.push(ok(await api.accounts.create({ name: `Lossy ${i}`, city: 'Oslo' })).id)
          for (let i = 0; i < CONTACTS; i++) ok(await api.contacts.create({ first_name: 'Ada', last_name: `No ${i}`, email: `ada${i}@example.test`, account_id: accountIds[i]! }))
          for (let i = 0; i < CASES; i++) ok(await api.cases.create({ name: `Case ${i}`, status: 'New', priority: 'Low', account_id: accountIds[i]! }))
          rig.fake.setFaults(randomFaults(0.2, seed))
          let rounds = 0
          const pendingAfter: number[] = []
          while (rounds < ROUNDS && (await rig.outboxCount()) > 0) {
            await rig.engine.runOnce(false)
            rounds++
            pendingAfter.push(await rig.outboxCount())
          }
          rig.fake.setFaults(null)
          expect(pendingAfter.at(-1), `seed ${seed}: pending after each round ${pendingAfter.join(', ')}`).toBe(0)
          // Progress from the first faulty round on: most changes get through at once.
          expect(pendingAfter[0]!).toBeLessThan((ACCOUNTS + CONTACTS + CASES) / 2)
          const names = (kind: 'account' | 'case') => [...rig.fake.data.records[kind].values()].map((r) => String(r['name']))
          const emails = [...rig.fake.data.records.contact.values()].map((c) => String(c['email']))
          for (const [list, n] of [[names('account'), ACCOUNTS], [names('case'), CASES], [emails, CONTACTS]] as const) {
            expect(list).toHaveLength(n)
            expect(new Set(list).size).toBe(n)
          }
          // Each case and contact kept its account.
          const caseAccounts = [...rig.fake.data.records.case.values()].map((c) => rig.fake.data.records.account.get(String(c['account']))?.['name'])
          expect(caseAccounts.filter((n) => n === undefined)).toEqual([])
        } finally {
          await rig.close()
        }
      }),
      { numRuns: RUNS },
    )
  }, 120_000 * RUNS)
})
