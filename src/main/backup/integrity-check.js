// The background integrity check's child process (see background-check.ts):
// `integrity-check.js <driverPath> <dbPath> <limit>`. In the app it is an
// Electron utility process started from out/main/integrity-check.js (a second
// entry of the main build, electron.vite.config.ts); under Node (tests) a
// child_process.fork of this file. Plain JavaScript so that both run it as it
// is, with no build step in the tests.
//
// A child process, not a worker thread, because SQLite cannot interrupt a
// running check: only killing a process ends it at once, so quitting the app
// never waits minutes for a check of a large file.
//
// It only reports what SQLite said, as one message to its parent;
// background-check.ts decides what that means. It opens its own read-only
// connection with the native driver the app loads (driverPath, resolved by the
// parent), so it never writes; in WAL mode it does not block the app's writes.

import { createRequire } from 'node:module'

const [driverPath, dbPath, limit] = process.argv.slice(-3)

/** Full integrity check of the database: `{ rows }` as SQLite returned them, or `{ error: { code, message } }`. */
function check() {
  let db
  try {
    const Database = createRequire(import.meta.url)(driverPath)
    db = new Database(dbPath, { readonly: true, fileMustExist: true })
    db.pragma('busy_timeout = 5000')
    db.pragma('cache_size = -32000')
    return { rows: db.prepare('PRAGMA integrity_check(' + Number(limit) + ')').pluck().all() }
  } catch (error) {
    const code = error && typeof error.code === 'string' ? error.code : ''
    return { error: { code, message: String((error && error.message) || error) } }
  } finally {
    if (db) db.close()
  }
}

const report = check()
if (process.parentPort) {
  process.parentPort.postMessage(report) // an Electron utility process
} else if (process.send) {
  // A Node child with an IPC channel; the parent may have gone (the channel is closed).
  process.send(report, (error) => error && process.exit(0))
  process.once('disconnect', () => process.exit(0))
} else {
  process.stdout.write(JSON.stringify(report) + '\n') // run by hand
  process.exit(0)
}
// The parent ends this process once it has the report, so the report is never
// lost to a race between the message and the exit; should the parent not (it
// went away), the process ends by itself.
setTimeout(() => process.exit(0), 10_000)
