import { randomUUID } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadJobs } from './outbox-jobs'
import type { SyncKysely } from './schema'

// A backup made before the last sync, once restored, holds pending creates
// the server already has (their answers went into the database that was
// replaced): pushed again they made duplicates, here and on the server. So a
// number goes up before and after every push, in the database and in a file
// beside it that a restore leaves alone. A database whose number is behind
// the file's is older than the last push: each create it still holds is then
// "in doubt", looked up on the server before it is sent, and adopted by the
// pull when the server has it (the lost-answer path of push.ts and pull.ts).

const FILE = 'sync-generation.json'
/** Kept in sync_snapshots under an entity no record has: no migration needed. */
const ROW = { entity: '_sync', record_id: 'generation' } as const

export class RestoreGuard {
  constructor(
    private readonly db: SyncKysely,
    private readonly dataDir: string,
  ) {}

  private async inFile(): Promise<number | null> {
    try {
      const value = (JSON.parse(await readFile(join(this.dataDir, FILE), 'utf8')) as { generation?: unknown }).generation
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : null
    } catch {
      return null
    }
  }

  private async inDatabase(): Promise<number> {
    const row = await this.db.selectFrom('sync_snapshots').select('data').where('entity', '=', ROW.entity).where('record_id', '=', ROW.record_id).executeTakeFirst()
    const value = row ? (JSON.parse(row.data) as { generation?: unknown }).generation : 0
    return typeof value === 'number' ? value : 0
  }

  /** True when the database is older than the last push (a restored backup). */
  async restored(): Promise<boolean> {
    const file = await this.inFile()
    return file !== null && (await this.inDatabase()) < file
  }

  /** One step up: the database first, so a crash between the two writes errs on the side of "not restored". */
  async advance(): Promise<void> {
    const next = Math.max((await this.inFile()) ?? 0, await this.inDatabase()) + 1
    const data = JSON.stringify({ generation: next })
    await this.db
      .insertInto('sync_snapshots')
      .values({ ...ROW, data })
      .onConflict((oc) => oc.columns(['entity', 'record_id']).doUpdateSet({ data }))
      .execute()
    const temp = join(this.dataDir, `${FILE}.${randomUUID()}.tmp`)
    await writeFile(temp, data)
    await rename(temp, join(this.dataDir, FILE))
  }

  /** A new connection starts afresh (its records are all to be created anyway). */
  async forget(): Promise<void> {
    await rm(join(this.dataDir, FILE), { force: true })
  }
}

/** Every pending create not yet in doubt becomes so: it is looked up on the server before it is sent. */
export async function markCreatesInDoubt(db: SyncKysely): Promise<number> {
  const jobs = (await loadJobs(db)).filter((job) => job.hasCreate && job.lookupKey === null)
  // The key's content is recomputed before a lookup; for a delete of such a record it names only the type.
  await db.transaction().execute(async (trx) => {
    for (const job of jobs) {
      await trx.updateTable('outbox').set({ lookup_key: JSON.stringify({ entity: job.entity }) }).where('seq', 'in', job.seqs).execute()
    }
  })
  return jobs.length
}
