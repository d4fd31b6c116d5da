import BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../../src/main/db/connection'
import { migrateToLatest } from '../../src/main/db/migrate'
import { rmSync } from 'node:fs'
rmSync('/tmp/bench/jm.sqlite', { force: true }); rmSync('/tmp/bench/jm.sqlite-wal', { force: true }); rmSync('/tmp/bench/jm.sqlite-shm', { force: true })
const app = openDatabase('/tmp/bench/jm.sqlite'); await migrateToLatest(app); await app.close()
const db = new BetterSqlite3('/tmp/bench/jm.sqlite'); db.unsafeMode(true)
console.log(db.pragma('journal_mode = DELETE', { simple: true }), db.pragma('journal_mode = OFF', { simple: true }), db.pragma('journal_mode', { simple: true }))
