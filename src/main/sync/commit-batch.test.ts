import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTempApp, type TempApp } from '../../../test/support/temp-app'
import { CommitBatch } from './commit-batch'
import { syncDb, type SyncTrx } from './schema'

let app: TempApp
beforeEach(async () => {
  app = await openTempApp()
})
afterEach(async () => {
  await app.close()
})

describe('CommitBatch', () => {
  it('commits as soon as the batch is full, all in one transaction, without waiting for its timer', async () => {
    const batch = new CommitBatch(syncDb(app.data.services.db), 3, 60_000)
    const seen: SyncTrx[] = []
    const work = async (trx: SyncTrx) => void seen.push(trx)
    await Promise.all([batch.run(work), batch.run(work), batch.run(work)])
    expect(seen).toHaveLength(3)
    expect(new Set(seen).size).toBe(1)
  })

  it('commits a batch that is not full after its delay', async () => {
    const batch = new CommitBatch(syncDb(app.data.services.db), 3, 5)
    let ran = false
    await batch.run(async () => void (ran = true))
    expect(ran).toBe(true)
  })

  it('retries the items of a failed batch one by one, so one bad item sinks only itself', async () => {
    const batch = new CommitBatch(syncDb(app.data.services.db), 3, 60_000)
    const good = async () => undefined
    const bad = async () => {
      throw new Error('bad item')
    }
    const results = await Promise.allSettled([batch.run(good), batch.run(bad), batch.run(good)])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  })
})
