import { afterEach, expect, it } from 'vitest'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { CreateMarks } from './create-marks'
import { loadJobs, type Job } from './outbox-jobs'
import { syncDb } from './schema'

let app: TempApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

/** Five new contacts' jobs, and the lookup key each one's outbox row holds now. */
async function fiveCreates() {
  app = await openTempApp()
  for (let i = 1; i <= 5; i++) ok(await app.api.contacts.create({ first_name: 'Kim', last_name: `No ${i}` }))
  const db = syncDb(app.data.services.db)
  const jobs = await loadJobs(db)
  const held = async () => {
    const rows = await db.selectFrom('outbox').select(['record_id', 'lookup_key']).execute()
    return jobs.map((j) => rows.find((r) => r.record_id === j.recordId)!.lookup_key)
  }
  return { db, jobs, held }
}

const keyOf = (names: Map<Job, string>) => async (job: Job) => names.get(job) ?? null

it('writes the key of a create and of the next ones ahead in one go, and takes back those never sent', async () => {
  const { db, jobs, held } = await fiveCreates()
  const names = new Map(jobs.map((j, i) => [j, `key ${i}`]))
  const marks = new CreateMarks(db, jobs, keyOf(names), 2)
  expect(await held()).toEqual([null, null, null, null, null])

  await marks.beforeSending(jobs[0]!, 'key 0')
  expect(await held()).toEqual(['key 0', 'key 1', 'key 2', null, null])
  await marks.beforeSending(jobs[1]!, 'key 1')
  expect(await held()).toEqual(['key 0', 'key 1', 'key 2', null, null])

  await marks.clearUnsent()
  expect(await held()).toEqual(['key 0', 'key 1', null, null, null])
})

it('writes the key again when the record changed since it was written ahead', async () => {
  const { db, jobs, held } = await fiveCreates()
  const marks = new CreateMarks(db, jobs, keyOf(new Map(jobs.map((j, i) => [j, `key ${i}`]))), 4)
  await marks.beforeSending(jobs[0]!, 'key 0')
  await marks.beforeSending(jobs[3]!, 'key 3, renamed')
  expect(await held()).toEqual(['key 0', 'key 1', 'key 2', 'key 3, renamed', 'key 4'])
})

it('holds the keys of creates sent at the same moment, and leaves keys of earlier rounds alone', async () => {
  const { db, jobs, held } = await fiveCreates()
  jobs[4]!.lookupKey = 'from an earlier round'
  await db.updateTable('outbox').set({ lookup_key: 'from an earlier round' }).where('record_id', '=', jobs[4]!.recordId).execute()
  let looked = 0
  const marks = new CreateMarks(db, jobs, async (job) => (looked++, `key ${jobs.indexOf(job)}`), 1)
  await Promise.all([marks.beforeSending(jobs[0]!, 'key 0'), marks.beforeSending(jobs[2]!, 'key 2')])
  expect((await held()).slice(0, 3)).toEqual(['key 0', 'key 1', 'key 2'])
  await marks.clearUnsent()
  expect(await held()).toEqual(['key 0', null, 'key 2', null, 'from an earlier round'])
  expect(looked).toBe(2)
})

it('marks nothing for a job whose key is null (already on the server, waiting for its parent)', async () => {
  const { db, jobs, held } = await fiveCreates()
  const marks = new CreateMarks(db, jobs, async () => null, 10)
  await marks.beforeSending(jobs[2]!, 'key 2')
  expect(await held()).toEqual([null, null, 'key 2', null, null])
})

it('takes back the key of a create the server refused, not a key of an earlier round', async () => {
  const { db, jobs, held } = await fiveCreates()
  jobs[1]!.lookupKey = 'from an earlier round'
  await db.updateTable('outbox').set({ lookup_key: 'from an earlier round' }).where('record_id', '=', jobs[1]!.recordId).execute()
  const marks = new CreateMarks(db, jobs, async (job) => `key ${jobs.indexOf(job)}`, 0)
  await marks.beforeSending(jobs[0]!, 'key 0')
  await marks.beforeSending(jobs[1]!, 'from an earlier round')
  await marks.takeBack(jobs[0]!)
  await marks.takeBack(jobs[1]!)
  expect(await held()).toEqual([null, 'from an earlier round', null, null, null])
})
