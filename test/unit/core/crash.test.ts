import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { eachLine } from '../../support/child-lines'
import { openTempApp } from '../../support/temp-app'

// A process killed (SIGKILL: no cleanup, no flush) in the middle of writing
// must leave a database that opens, passes integrity_check and holds every
// record whose commit the process reported. A few kills only; the long
// harness lives in test/crash/.

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../../..')
// Compiled once to one plain ES module (packages stay in node_modules), so
// each run starts in a fraction of a second instead of transpiling on start.
const writer = join(root, 'node_modules', '.cache', 'fieldcrm-test', `crash-writer-${process.pid}.mjs`)

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-crash-'))
  await build({
    entryPoints: [join(here, 'crash-writer.ts')],
    outfile: writer,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  })
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await rm(writer, { force: true })
})

interface Reported {
  account: Set<string>
  case: Set<string>
  comment: Set<string>
  renamed: Set<string>
}

/** Runs the writer until it has reported `commits` writes, then kills it with SIGKILL. */
function runAndKill(commits: number, reported: Reported): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [writer, dir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let seen = 0
    let stderr = ''
    let killed = false
    eachLine(child.stdout, (line) => {
      const [kind, id] = line.split(' ') as [keyof Reported | 'ready', string]
      if (kind === 'ready') return
      reported[kind].add(id)
      if (++seen >= commits && !killed) {
        killed = true
        child.kill('SIGKILL')
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', fail)
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') done()
      else fail(new Error(`The writer stopped by itself (${String(_code)}): ${stderr}`))
    })
  })
}

it('keeps every committed record through SIGKILLs mid-write, with integrity_check ok', async () => {
  const reported: Reported = { account: new Set(), case: new Set(), comment: new Set(), renamed: new Set() }
  // Odd counts, so kills land at different points of the write cycle.
  for (const commits of [9, 14, 23]) await runAndKill(commits, reported)
  expect(reported.account.size).toBeGreaterThanOrEqual(10)

  const app = await openTempApp({ dir })
  try {
    const sqlite = app.data.services.db.sqlite
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(sqlite.pragma('foreign_key_check')).toEqual([])
    const ids = (table: string) => new Set((sqlite.prepare(`SELECT id FROM ${table}`).all() as { id: string }[]).map((r) => r.id))
    const accounts = ids('accounts')
    const cases = ids('cases')
    const comments = ids('comments')
    for (const id of reported.account) expect(accounts.has(id)).toBe(true)
    for (const id of reported.case) expect(cases.has(id)).toBe(true)
    for (const id of reported.comment) expect(comments.has(id)).toBe(true)
    // At most the one write in flight per kill may have committed without being reported.
    expect(accounts.size - reported.account.size).toBeLessThanOrEqual(3)
    for (const id of reported.renamed) {
      expect((sqlite.prepare('SELECT name FROM accounts WHERE id = ?').get(id) as { name: string }).name).toMatch(/ renamed$/)
    }
    // Every surviving record has its outbox row (written in the same transaction), and the index agrees.
    const creates = sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE op = 'create' AND entity = 'account'").get() as { n: number }
    expect(creates.n).toBe(accounts.size)
    const hits = await app.api.search.query({ text: 'Kill City', kinds: ['account'], limit: 100 })
    expect(hits.ok && hits.value.length).toBe(Math.min(accounts.size, 100))
  } finally {
    await app.close()
  }
})
