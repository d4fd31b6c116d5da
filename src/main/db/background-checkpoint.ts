import { Worker } from 'node:worker_threads'
import type BetterSqlite3 from 'better-sqlite3'
import { driverPath } from './driver-path'

// In WAL mode SQLite copies the log back into the database file (a
// checkpoint) once the log passes 1,000 pages, inside whichever commit
// crossed the line: every few dozen saves one took several milliseconds
// longer. Here a worker thread with its own connection checkpoints every
// second instead, so a save only appends to the log. PASSIVE never waits
// for and never blocks the app's reads or writes. The app's own connection
// still checkpoints past WAL_SAFETY_PAGES: should the worker stop, and when
// saves come without a pause (a checkpoint running beside them never catches
// up with the last one, so the log would never start over, and every commit
// would grow the file: 254 MB after 5 s of saves, each 70 % slower).

/** The app's connection checkpoints by itself only past this many log pages (16 MB with 4 KB pages). */
const WAL_SAFETY_PAGES = 4096

/** Source of the worker: opens the database and checkpoints it every `everyMs` until told to stop. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driverPath)
const db = new Database(workerData.file, { fileMustExist: true })
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) })
  }
}
const timer = setInterval(checkpoint, workerData.everyMs)
parentPort.on('message', (message) => {
  if (message !== 'stop') return
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort.close()
})
`

export interface BackgroundCheckpoints {
  /** Checkpoints once more, closes the worker's connection and ends it. */
  stop(): Promise<void>
}

export function checkpointInBackground(
  sqlite: BetterSqlite3.Database,
  options: { everyMs?: number; log?: { error(message: string, error: unknown): void } } = {},
): BackgroundCheckpoints {
  sqlite.pragma(`wal_autocheckpoint = ${WAL_SAFETY_PAGES}`)
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driverPath: driverPath(), file: sqlite.name, everyMs: options.everyMs ?? 1000 } })
  // A checkpointer must not keep a finished process alive.
  worker.unref()
  worker.on('message', (message: { error?: string }) => options.log?.error('Background checkpoint failed', message.error))
  worker.on('error', (error) => options.log?.error('Background checkpoint stopped', error))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    stop() {
      // Waited for: the process must stay up until the worker has closed its connection.
      worker.ref()
      worker.postMessage('stop')
      return exited
    },
  }
}

/**
 * Runs one large transaction (an import) so that its commit leaves the
 * checkpoint to the worker: crossing WAL_SAFETY_PAGES, the commit would copy
 * the whole transaction back into the database file on the main process
 * before answering (9,000 pages, about 50 ms, for 20,000 contacts). Other
 * writes wait for the transaction, so the pause of the line covers its commit
 * alone.
 */
export async function withCheckpointLeftToWorker<T>(sqlite: BetterSqlite3.Database, write: () => Promise<T>): Promise<T> {
  const line = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number
  sqlite.pragma('wal_autocheckpoint = 0')
  try {
    return await write()
  } finally {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${line}`)
  }
}
