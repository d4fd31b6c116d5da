import type { SyncKysely, SyncTrx } from './schema'

type Work = (trx: SyncTrx) => Promise<void>

/**
 * Group commit for push results: the bookkeeping of many finished changes
 * (server id, snapshot, outbox rows removed) is written in one transaction,
 * so a large push pays one disk sync per batch, not one per change. Each
 * caller's promise settles when its own work is committed. If a batch fails,
 * its items are retried one by one so one bad item cannot sink the others.
 */
export class CommitBatch {
  private queue: { work: Work; resolve: () => void; reject: (e: unknown) => void }[] = []
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: SyncKysely,
    private readonly maxItems = 200,
    private readonly delayMs = 5,
  ) {}

  run(work: Work): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ work, resolve, reject })
      if (this.queue.length >= this.maxItems) void this.flush()
      else this.timer ??= setTimeout(() => void this.flush(), this.delayMs)
    })
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const batch = this.queue.splice(0)
    if (!batch.length) return
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const item of batch) await item.work(trx)
      })
      for (const item of batch) item.resolve()
    } catch {
      for (const item of batch) {
        try {
          await this.db.transaction().execute(item.work)
          item.resolve()
        } catch (error) {
          item.reject(error)
        }
      }
    }
  }
}
