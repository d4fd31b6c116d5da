import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { checkpointInBackground } from './background-checkpoint'

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
    // The app's own connection no longer checkpoints: these 50 rows are in the log alone until the worker copies them.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
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

  it('a commit of more pages than the safety line (an import) leaves its checkpoint to the worker', async () => {
    const db = openWal()
    const checkpoints = checkpointInBackground(db, { everyMs: 60_000 })
    // About 20 MB of log in one transaction, past the 16 MB at which the app's own connection would checkpoint.
    const insert = db.prepare('INSERT INTO t VALUES (?)')
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run('x'.repeat(4000))
    })()
    expect(rowsInMainFile(db.name)).toBe(0)
    await checkpoints.stop()
    expect(rowsInMainFile(db.name)).toBe(5000)
    db.close()
  })

  it('when the worker fails, the app connection checkpoints by itself again', async () => {
    const errors: unknown[] = []
    const db = openWal()
    const checkpoints = checkpointInBackground(db, { driverPath: join(dir!, 'no-such-driver.js'), log: { error: (_m, e) => errors.push(e) } })
    await vi.waitFor(() => expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(4096))
    expect(errors).toHaveLength(1)
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
