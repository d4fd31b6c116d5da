import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openAppData } from '../../src/main/app-data'
import { recordingDesktop } from '../../src/main/desktop'
import { CHILD_ENV, childForTests } from '../support/bundle-child'
import { eachLine } from '../support/child-lines'
import { seededRandom } from '../support/seeded-random'
import type { CrashEvent, CrashTable } from './events'

// Crash safety: a child process makes real writes through the real handlers
// and is killed with SIGKILL at random moments; after each kill the data
// folder is reopened as the app would reopen it and checked. CRASH_KILLS sets
// the number of kills (100 by default; a soak run uses thousands), CRASH_SEED
// replays a run.

const KILLS = Number(process.env['CRASH_KILLS'] ?? 100)
const SEED = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000)

const bundled = childForTests('test/crash/child.ts', 'fieldcrm-crash-')

const random = seededRandom(SEED)

interface Known {
  table: CrashTable
  parent?: string
  sha256?: string
}

/** What the children said: committed records, records perhaps deleted, and records surely deleted. */
class Ledger {
  readonly committed = new Map<string, Known>()
  readonly maybeGone = new Set<string>()
  readonly gone = new Map<string, CrashTable>()
  writes = 0

  apply(event: CrashEvent) {
    if (event.op === 'created') {
      this.writes++
      this.committed.set(event.id, { table: event.table, ...(event.parent ? { parent: event.parent } : {}), ...(event.sha256 ? { sha256: event.sha256 } : {}) })
    } else if (event.op === 'deleting') {
      this.maybeGone.add(event.id)
    } else if (event.op === 'deleted') {
      this.writes++
      this.gone.set(event.id, event.table)
    }
  }

  /** Committed and not (perhaps) deleted, itself or through the record it hangs under. */
  mustExist(): Array<[string, Known]> {
    return [...this.committed].filter(([id, k]) => !this.maybeGone.has(id) && !(k.parent && this.maybeGone.has(k.parent)))
  }
}

interface Life {
  events: CrashEvent[]
  killedBeforeReady: boolean
  exit: { code: number | null; signal: NodeJS.Signals | null }
  stderr: string
}

/** Runs one child and kills it: mostly a moment after it is ready, sometimes while it is still starting. */
function liveAndDie(dataDir: string, scratch: string, childSeed: number): Promise<Life> {
  return new Promise((resolveLife, reject) => {
    const child = spawn(process.execPath, [bundled.script, dataDir, scratch, String(childSeed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: CHILD_ENV,
    })
    const events: CrashEvent[] = []
    let stderr = ''
    let ready = false
    const earlyKill = random() < 0.15
    const kill = () => child.kill('SIGKILL')
    let timer = earlyKill ? setTimeout(kill, random() * 400) : setTimeout(kill, 10_000)
    eachLine(child.stdout, (line) => {
      const event = JSON.parse(line) as CrashEvent
      events.push(event)
      if (event.op === 'ready' && !ready) {
        ready = true
        if (!earlyKill) {
          clearTimeout(timer)
          timer = setTimeout(kill, random() * 150)
        }
      }
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolveLife({ events, killedBeforeReady: !ready, exit: { code, signal }, stderr })
    })
  })
}

const hashOf = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex')

it(`survives ${KILLS} SIGKILLs at random moments without losing or corrupting a committed write`, async () => {
  const dataDir = join(bundled.work, 'data')
  const scratch = join(bundled.work, 'scratch')
  await mkdir(scratch, { recursive: true })
  const ledger = new Ledger()
  const verifiedBlobs = new Set<string>()
  const stats = { killedBeforeReady: 0, tempDebrisFound: 0, plantedDebris: 0 }
  const tmpDir = join(dataDir, 'attachments', 'tmp')
  const started = Date.now()

  for (let kill = 0; kill < KILLS; kill++) {
    const life = await liveAndDie(dataDir, scratch, (SEED + kill) >>> 0)
    expect(life.exit.signal, `child ${kill} (seed ${SEED}) ended by itself: ${life.stderr}`).toBe('SIGKILL')
    if (life.killedBeforeReady) stats.killedBeforeReady++
    for (const event of life.events) ledger.apply(event)

    const debris = await readdir(tmpDir).catch(() => [] as string[])
    if (debris.length) stats.tempDebrisFound++
    else if (kill % 10 === 9) {
      // Debris a crash mid-copy leaves; planted when the kills happened not to leave any. The folder
      // itself may be gone: the start-up clean-up removes and remakes it, and a kill can fall between.
      await mkdir(tmpDir, { recursive: true })
      await writeFile(join(tmpDir, 'partial-copy'), 'half a fi')
      stats.plantedDebris++
    }

    const app = await openAppData({ dataDir, desktop: recordingDesktop() })
    try {
      const sqlite = app.services.db.sqlite
      const context = `after kill ${kill} (CRASH_SEED=${SEED})`
      expect(sqlite.pragma('integrity_check', { simple: true }), context).toBe('ok')
      expect(sqlite.pragma('foreign_key_check'), context).toEqual([])
      expect(await readdir(tmpDir), `${context}: temp files left after start`).toEqual([])

      const exists = (table: CrashTable, id: string) => sqlite.prepare(`select 1 from ${table} where id = ?`).get(id) !== undefined
      const created = sqlite.prepare("select 1 from outbox where record_id = ? and op = 'create'")
      for (const [id, known] of ledger.mustExist()) {
        expect(exists(known.table, id), `${context}: committed ${known.table} ${id} is missing`).toBe(true)
        expect(created.get(id), `${context}: committed ${known.table} ${id} has no outbox entry`).toBeDefined()
      }
      const deleted = sqlite.prepare("select 1 from outbox where record_id = ? and op = 'delete'")
      for (const [id, table] of ledger.gone) {
        expect(exists(table, id), `${context}: deleted ${table} ${id} is back`).toBe(false)
        expect(deleted.get(id), `${context}: deleted ${table} ${id} has no outbox entry`).toBeDefined()
      }

      // Every attachment row, reported or not, names a complete file with its content hash.
      const rows = sqlite.prepare('select id, sha256, size from attachments').all() as { id: string; sha256: string; size: number }[]
      for (const row of rows) {
        const known = ledger.committed.get(row.id)
        if (known?.sha256) expect(row.sha256, context).toBe(known.sha256)
        const path = app.services.files.pathOf(row.sha256)
        const info = await stat(path).catch(() => null)
        expect(info?.size, `${context}: attachment ${row.id} file missing or partial`).toBe(row.size)
        if (!verifiedBlobs.has(row.sha256)) {
          expect(await hashOf(path), `${context}: attachment ${row.id} content does not match its hash`).toBe(row.sha256)
          verifiedBlobs.add(row.sha256)
        }
      }
      // And no stored file is left that no row names.
      const referenced = new Set(rows.map((r) => r.sha256))
      for (const hash of await app.services.files.listHashes()) expect(referenced.has(hash), `${context}: orphan file ${hash}`).toBe(true)
    } finally {
      await app.close()
    }
  }

  const seconds = (Date.now() - started) / 1000
  console.log(
    `crash harness: ${KILLS} kills in ${seconds.toFixed(1)} s (seed ${SEED}); ${ledger.writes} committed writes checked; ` +
      `${stats.killedBeforeReady} kills during start; temp debris found after ${stats.tempDebrisFound} kills, planted ${stats.plantedDebris} times`,
  )
  expect(ledger.writes).toBeGreaterThan(KILLS)
}, Math.max(120_000, KILLS * 2_000))
