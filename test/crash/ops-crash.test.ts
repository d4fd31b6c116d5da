import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startAppData } from '../../src/main/backup/recovery'
import { recordingDesktop } from '../../src/main/desktop'
import { CHILD_ENV, childForTests } from '../support/bundle-child'
import { eachLine } from '../support/child-lines'
import { seededRandom } from '../support/seeded-random'
import { ok, openTempApp } from '../support/temp-app'
import type { OpEvent, OpKind } from './op-events'

// Crash safety of what users do, one operation at a time: a child repeats a
// restore, a CSV import, edits, comments or large attachments and is killed
// with SIGKILL at a moment spread evenly over one operation (from the
// durations the earlier children reported). After each kill the folder is
// opened as the app opens it and checked: integrity, foreign keys, an outbox
// entry for every local record, committed edits kept, no half import, the
// local user still "me", every attachment row naming a complete file, and no
// temporary, staged, partial or unreferenced file left.
// CRASH_OP_KILLS kills per operation (10 by default), CRASH_SEED replays a run.

const KILLS = Number(process.env['CRASH_OP_KILLS'] ?? 10)
const SEED = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000)
const IMPORT_ROWS = 500 // as ops-child.ts writes

const bundled = childForTests('test/crash/ops-child.ts', 'fieldcrm-ops-crash-')

interface Ledger {
  /** Record id -> the value of its last committed edit, and of an edit begun but not reported done. */
  edits: Map<string, { committed?: string; pending?: string }>
  created: Map<string, 'comments' | 'attachments'>
  imports: Map<string, 'begun' | 'done'>
  /** The longest operation seen, in ms: kills land uniformly within it. */
  longest: number
}

/** Runs one child; kills it at a random moment within its first or second operation. */
function liveAndDie(dataDir: string, scratch: string, op: OpKind, seed: number, ledger: Ledger, random: () => number) {
  return new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolveLife, reject) => {
    const child = spawn(process.execPath, [bundled.script, dataDir, scratch, op, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'], env: CHILD_ENV })
    const killAtBegin = 1 + Math.floor(random() * 2)
    let begins = 0
    let last: Extract<OpEvent, { op: 'begin' }> | null = null
    let stderr = ''
    const kill = () => child.kill('SIGKILL')
    let timer = setTimeout(kill, 30_000)
    eachLine(child.stdout, (line) => {
      const event = JSON.parse(line) as OpEvent
      if (event.op === 'begin') {
        last = event
        if (event.id && event.value) ledger.edits.set(event.id, { ...ledger.edits.get(event.id), pending: event.value })
        if (op === 'import') ledger.imports.set(event.tag, 'begun')
        if (++begins === killAtBegin) {
          clearTimeout(timer)
          timer = setTimeout(kill, random() * ledger.longest)
        }
      } else if (event.op === 'created') {
        ledger.created.set(event.id, event.table)
        if (event.value) ledger.edits.set(event.id, { committed: event.value })
      } else if (event.op === 'end') {
        ledger.longest = Math.max(ledger.longest, event.ms)
        if (last?.id && last.value) ledger.edits.set(last.id, { committed: last.value })
        if (op === 'import') ledger.imports.set(event.tag, 'done')
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (_code, signal) => {
      clearTimeout(timer)
      resolveLife({ signal, stderr })
    })
  })
}

const hashOf = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex')

async function checkFolder(dataDir: string, op: OpKind, ledger: Ledger, meId: string, context: string) {
  const started = await startAppData({ dataDir, desktop: recordingDesktop() })
  if (started.kind !== 'ready') throw new Error(`${context}: the folder did not open: ${started.problem}`)
  const app = started.data
  try {
    const sqlite = app.services.db.sqlite
    expect(sqlite.pragma('integrity_check', { simple: true }), context).toBe('ok')
    expect(sqlite.pragma('foreign_key_check'), context).toEqual([])
    expect(sqlite.prepare('SELECT id FROM users WHERE is_me = 1').pluck().all(), `${context}: the local user`).toEqual([meId])
    for (const table of ['accounts', 'comments', 'attachments']) {
      const without = sqlite.prepare(`SELECT count(*) FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = t.id AND o.op = 'create')`).pluck().get()
      expect(without, `${context}: ${table} without their outbox entry`).toBe(0)
    }
    const column = op === 'update' ? sqlite.prepare('SELECT city FROM accounts WHERE id = ?') : sqlite.prepare('SELECT body FROM comments WHERE id = ?')
    for (const [id, { committed, pending }] of ledger.edits) {
      const value = column.pluck().get(id)
      // Before its first committed edit, a seeded account has no city.
      expect([committed ?? null, pending], `${context}: edit of ${id}`).toContain(value)
      if (committed && !pending) expect(value, `${context}: committed edit of ${id}`).toBe(committed)
      // Checked: what is stored is now the committed value (an edit cut off by the kill may or may not have committed).
      ledger.edits.set(id, { committed: value as string })
    }
    for (const [id, table] of ledger.created) expect(sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id), `${context}: committed ${table} ${id}`).toBeDefined()
    // An import fills the search indexes of its records just before it commits (search/deferred-upkeep.ts): each account is in every index, once.
    expect(sqlite.prepare('SELECT count(*) FROM index_upkeep_deferred').pluck().get(), `${context}: index upkeep left deferred`).toBe(0)
    const accounts = sqlite.prepare('SELECT count(*) FROM accounts').pluck().get()
    for (const index of ['search_index', 'accounts_grams', 'accounts_city_grams']) {
      const where = index === 'search_index' ? 'WHERE id % 4 = 0' : ''
      expect(sqlite.prepare(`SELECT count(*) FROM ${index}_docsize ${where}`).pluck().get(), `${context}: accounts in ${index}`).toBe(accounts)
    }
    for (const [tag, state] of ledger.imports) {
      const rows = sqlite.prepare('SELECT count(*) FROM accounts WHERE name LIKE ?').pluck().get(`Imported ${tag} %`) as number
      expect(state === 'done' ? [IMPORT_ROWS] : [0, IMPORT_ROWS], `${context}: import ${tag} is whole or absent`).toContain(rows)
    }
    const attachments = sqlite.prepare('SELECT id, sha256, size FROM attachments').all() as { id: string; sha256: string; size: number }[]
    for (const row of attachments) {
      const path = app.services.files.pathOf(row.sha256)
      expect((await stat(path).catch(() => null))?.size, `${context}: file of attachment ${row.id}`).toBe(row.size)
      expect(await hashOf(path), `${context}: content of attachment ${row.id}`).toBe(row.sha256)
    }
    const referenced = new Set(attachments.map((a) => a.sha256))
    for (const hash of await app.services.files.listHashes()) expect(referenced.has(hash), `${context}: orphan file ${hash}`).toBe(true)
    expect(await readdir(join(dataDir, 'attachments', 'tmp')), `${context}: temp files`).toEqual([])
    const debris = (await readdir(dataDir)).filter((n) => n.startsWith('crm.restore-'))
    const partial = (await readdir(join(dataDir, 'backups')).catch(() => [] as string[])).filter((n) => n.endsWith('.partial'))
    expect([...debris, ...partial], `${context}: staged or partial files`).toEqual([])
  } finally {
    await app.close()
  }
}

describe.each(['restore', 'import', 'update', 'comment', 'large-attachment'] as const)('killed during %s', (op) => {
  it(`survives ${KILLS} SIGKILLs spread over the operation`, async () => {
    const random = seededRandom(SEED)
    const dataDir = await mkdtemp(join(bundled.work, `${op}-data-`))
    const scratch = join(dataDir, '..', `${op}-scratch`)
    await mkdir(scratch, { recursive: true })
    const app = await openTempApp({ dir: dataDir })
    const meId = app.data.services.meId
    for (let i = 0; i < 20; i++) ok(await app.api.accounts.create({ name: `Account ${i}` }))
    await app.close()
    if (op === 'restore') {
      // A backup from another installation: its "me" is someone else, and its data is larger.
      const other = await openTempApp()
      for (let i = 0; i < 1500; i++) ok(await other.api.accounts.create({ name: `Elsewhere ${i}`, city: `City ${i % 97}`, email: `e${i}@elsewhere.test` }))
      other.desktop.backupSavePath = join(scratch, 'foreign.sqlite')
      ok(await other.api.data.backup())
      await other.close()
    }
    const ledger: Ledger = { edits: new Map(), created: new Map(), imports: new Map(), longest: 300 }
    for (let kill = 0; kill < KILLS; kill++) {
      const life = await liveAndDie(dataDir, scratch, op, (SEED + kill) >>> 0, ledger, random)
      const context = `${op}, after kill ${kill} (CRASH_SEED=${SEED})`
      expect(life.signal, `${context}: the child ended by itself: ${life.stderr}`).toBe('SIGKILL')
      await checkFolder(dataDir, op, ledger, meId, context)
    }
    await rm(scratch, { recursive: true, force: true })
  }, 120_000)
})
