import { Worker } from 'node:worker_threads'
import type BetterSqlite3 from 'better-sqlite3'
import { driverPath } from './driver-path'

// In WAL mode SQLite copies the log back into the database file (a
// checkpoint) once the log passes 1,000 pages, inside whichever commit
// crossed the line: every few dozen saves one took several milliseconds
// longer, and an import's commit (37 MB of log for 20,000 contacts) ran a
// 50 ms checkpoint on the main process. Here a worker thread with its own
// connection checkpoints every second instead, and the app's connection
// never does while the worker runs, so a commit only appends to the log.
// PASSIVE never waits for and never blocks the app's reads or writes.
// Should the worker fail or stop, the app's own connection checkpoints
// again (WAL_SAFETY_PAGES).

/** Without the worker, the app's connection checkpoints past this many log pages (16 MB with 4 KB pages). */
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
  options: { everyMs?: number; log?: { error(message: string, error: unknown): void }; driverPath?: string } = {},
): BackgroundCheckpoints {
  sqlite.pragma('wal_autocheckpoint = 0')
  const checkpointHere = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${WAL_SAFETY_PAGES}`)
  }
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driverPath: options.driverPath ?? driverPath(), file: sqlite.name, everyMs: options.everyMs ?? 1000 } })
  // A checkpointer must not keep a finished process alive.
  worker.unref()
  worker.on('message', (message: { error?: string }) => {
    options.log?.error('Background checkpoint failed', message.error)
    checkpointHere()
  })
  worker.on('error', (error) => {
    options.log?.error('Background checkpoint stopped', error)
    checkpointHere()
  })
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      checkpointHere()
      resolve()
    }),
  )
  return {
    stop() {
      // Waited for: the process must stay up until the worker has closed its connection.
      checkpointHere()
      worker.ref()
      worker.postMessage('stop')
      return exited
    },
  }
}
