import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { checkpointInBackground, withCheckpointLeftToWorker } from './background-checkpoint'

let dir: string | null = null
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = null
})

/** Rows of `t` in the database file alone, as if its log were lost: what has been checkpointed. */
function rowsInMainFile(file: string): number {
  const copy = `${file}.copy`
  copyFileSync(file, copy)
  const db = new BetterSqlite3(copy, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n
  } finally {
    db.close()
  }
}

function openWal(): BetterSqlite3.Database {
  dir = mkdtempSync(join(tmpdir(), 'fieldcrm-ckpt-'))
  const db = new BetterSqlite3(join(dir, 'crm.sqlite'))
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE t (x TEXT)')
  db.pragma('wal_checkpoint(TRUNCATE)')
  return db
}

describe('background checkpoints', () => {
  it('copy committed writes into the database file without the app connection doing it', async () => {
    const db = openWal()
    const checkpoints = checkpointInBackground(db, { everyMs: 20 })
    const insert = db.prepare('INSERT INTO t VALUES (?)')
    for (let i = 0; i < 50; i++) insert.run(`row ${i}`)
    // The app's own connection now checkpoints only past thousands of pages: these 50 rows are in the log alone.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(1000)
    await new Promise((r) => setTimeout(r, 300))
    expect(rowsInMainFile(db.name)).toBe(50)
    await checkpoints.stop()
    db.close()
  })

  it('without them, the same writes stay in the log (the test above can fail)', async () => {
    const db = openWal()
    db.pragma('wal_autocheckpoint = 4096')
    const insert = db.prepare('INSERT INTO t VALUES (?)')
    for (let i = 0; i < 50; i++) insert.run(`row ${i}`)
    await new Promise((r) => setTimeout(r, 300))
    expect(rowsInMainFile(db.name)).toBe(0)
    db.close()
  })

  it("a large transaction's commit (an import) leaves its checkpoint to the worker", async () => {
    const db = openWal()
    const checkpoints = checkpointInBackground(db, { everyMs: 60_000 })
    const insert = db.prepare('INSERT INTO t VALUES (?)')
    // About 20 MB of log in one transaction, past the 16 MB at which the app's connection checkpoints.
    const bigWrite = async () => db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run('x'.repeat(4000))
    })()
    await withCheckpointLeftToWorker(db, bigWrite)
    expect(rowsInMainFile(db.name)).toBe(0)
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(4096)
    // The same write without it: its commit checkpoints on the app's connection (so the check above can fail).
    await bigWrite()
    expect(rowsInMainFile(db.name)).toBe(10_000)
    await checkpoints.stop()
    db.close()
  })

  it('stop checkpoints what is left and ends the worker', async () => {
    const db = openWal()
    const checkpoints = checkpointInBackground(db, { everyMs: 60_000 })
    db.prepare('INSERT INTO t VALUES (?)').run('last')
    await checkpoints.stop()
    expect(rowsInMainFile(db.name)).toBe(1)
    db.close()
  })
})
