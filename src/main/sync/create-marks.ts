import { inJsonList } from '../db/prepared'
import type { Job } from './outbox-jobs'
import { prepareSync } from './prepared'
import type { SyncKysely } from './schema'

const setLookupKey = prepareSync((db, v: { seqs: string; key: string | null }) => db.updateTable('outbox').set({ lookup_key: v.key }).where('seq', 'in', inJsonList<number>(v.seqs)))

/**
 * A create whose answer is lost to a crash may exist on the server all the
 * same. So before a create is sent, its outbox rows hold its lookup key: the
 * next round then looks it up (and the pull adopts it) instead of sending it
 * twice. Keys are written ahead, for the next `ahead` creates of the phase in
 * one transaction, so a push of thousands pays one disk sync per `ahead`
 * creates, not one per create. After the phase, `clearUnsent` takes back the
 * keys of creates that were never sent (the push stopped, or they waited for
 * a parent), so they are not looked up for nothing; `takeBack` does the same
 * for a create the server refused.
 */
export class CreateMarks {
  /** The key each job's outbox rows hold now (from an earlier round, or written by this one). */
  private readonly held = new Map<Job, string>()
  private readonly writtenHere = new Set<Job>()
  private readonly sent = new Set<Job>()
  private nextAhead = 0
  private writing: Promise<void> | null = null

  constructor(
    private readonly db: SyncKysely,
    /** The phase's jobs, in the order they will be tried. */
    private readonly jobs: readonly Job[],
    /** The key a job's create would be looked up by; null when it will not be sent as a create. */
    private readonly keyOf: (job: Job) => Promise<string | null>,
    private readonly ahead: number,
  ) {
    for (const job of jobs) if (job.lookupKey) this.held.set(job, job.lookupKey)
  }

  /** Resolves once `job`'s outbox rows hold `key`: call it right before sending the create. */
  async beforeSending(job: Job, key: string): Promise<void> {
    this.sent.add(job)
    while (this.held.get(job) !== key) {
      if (this.writing) await this.writing
      else {
        this.writing = this.write(job, key).finally(() => (this.writing = null))
        await this.writing
      }
    }
  }

  private async write(job: Job, key: string): Promise<void> {
    const marks = new Map<Job, string>([[job, key]])
    while (marks.size <= this.ahead && this.nextAhead < this.jobs.length) {
      const next = this.jobs[this.nextAhead++]!
      if (marks.has(next) || this.held.has(next)) continue
      const nextKey = await this.keyOf(next)
      if (nextKey !== null) marks.set(next, nextKey)
    }
    await this.db.transaction().execute(async (trx) => {
      for (const [marked, markedKey] of marks) await setLookupKey.run(trx, { seqs: JSON.stringify(marked.seqs), key: markedKey })
    })
    for (const [marked, markedKey] of marks) {
      this.held.set(marked, markedKey)
      this.writtenHere.add(marked)
    }
  }

  /** Takes back the keys this round wrote for creates it never sent. */
  async clearUnsent(): Promise<void> {
    if (this.writing) await this.writing
    await this.clear([...this.writtenHere].filter((job) => !this.sent.has(job)))
  }

  /** Takes back `job`'s key if this round wrote it: the server refused the create, so it is not in doubt. */
  async takeBack(job: Job): Promise<void> {
    if (this.writing) await this.writing
    if (this.writtenHere.has(job)) await this.clear([job])
  }

  private async clear(jobs: Job[]): Promise<void> {
    if (!jobs.length) return
    await this.db.transaction().execute(async (trx) => {
      for (const job of jobs) await setLookupKey.run(trx, { seqs: JSON.stringify(job.seqs), key: null })
    })
    for (const job of jobs) {
      this.held.delete(job)
      this.writtenHere.delete(job)
    }
  }
}
