import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from './report'
import { runBenchmark } from './run'
import { BROWSER_FIGURES } from './browser'

// The benchmark is not a test: this only checks that the small run still
// works end to end (every figure measured, results written), never its numbers.

let dir: string
let report: Report
const lines: string[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-bench-test-'))
  report = await runBenchmark({ size: 'small', dir: join(dir, 'data'), outDir: join(dir, 'results'), reuse: false, seedInProcess: true, print: (l) => lines.push(l) })
}, 300_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('npm run bench (small)', () => {
  it('measures every figure and prints one line for each', () => {
    const names = report.figures.map((f) => f.name)
    for (const expected of ['seed: build the database', 'open database + migrations (none pending)', 'accounts.list by name', 'contacts.list by last name', 'cases.list my open cases', 'accounts.get', 'search.query all kinds', 'accounts.create', 'comments.add', 'main process memory (RSS) after the run',
      'import: contacts CSV, rows per second', 'import: preview after a mapping change', ...BROWSER_FIGURES]) {
      expect(names).toContain(expected)
    }
    for (const f of report.figures) {
      expect(Number.isFinite(f.value), f.name).toBe(true)
      expect(f.value, f.name).toBeGreaterThan(0)
      if (f.reference !== undefined) expect(f.reference, f.name).toBeGreaterThan(0)
      expect(lines.some((l) => l.startsWith(f.name)), f.name).toBe(true)
    }
    expect(lines.some((l) => l.startsWith('sync: push pending changes'))).toBe(true)
    expect(names).toEqual(expect.arrayContaining(['sync: pull, first full (records/s)', 'sync: pull, idle round at 4x the records']))
  })

  it('writes the results as JSON and text', async () => {
    const json = JSON.parse(await readFile(join(dir, 'results', 'small.json'), 'utf8')) as Report
    expect(json.figures.length).toBe(report.figures.length)
    expect(json.counts.accounts).toBeGreaterThan(0)
    expect(json.machine.cores).toBeGreaterThan(0)
    expect(await readFile(join(dir, 'results', 'small.txt'), 'utf8')).toContain('accounts.list by name')
  })
})
