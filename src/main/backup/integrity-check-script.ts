/**
 * The script the background integrity check runs in a child process, as
 * source text for `<runtime> -e <source> <driverPath> <dbPath> <limit>`: the
 * same text works from the bundled main process (one file, out/main/index.js)
 * and under vitest/tsx, with no second bundle entry.
 *
 * A child process, not a worker thread, because SQLite cannot interrupt a
 * running check: only killing a process ends it at once, so quitting the app
 * never waits minutes for a check of a large file.
 *
 * It is plain CommonJS and only reports, as one JSON line on stdout, what
 * SQLite said; background-check.ts decides what that means. It opens its own
 * read-only connection, so it never writes; in WAL mode it does not block the
 * app's writes.
 */
export const INTEGRITY_CHECK_SCRIPT = `
'use strict'
const [driverPath, dbPath, limit] = process.argv.slice(-3)
let db
let report
try {
  const Database = require(driverPath)
  db = new Database(dbPath, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  db.pragma('cache_size = -32000')
  report = { rows: db.prepare('PRAGMA integrity_check(' + Number(limit) + ')').pluck().all() }
} catch (error) {
  const code = error && typeof error.code === 'string' ? error.code : ''
  report = { error: { code, message: String((error && error.message) || error) } }
} finally {
  if (db) db.close()
}
process.stdout.write(JSON.stringify(report) + '\\n')
`
