import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { delta, formatFigure, writeReport, type Report } from './report'

const report = (value: number): Report => ({
  date: '2026-11-23T20:00:00.000Z',
  size: 'small',
  machine: { cores: 2 },
  counts: { accounts: 10 },
  figures: [
    { name: 'accounts.list by name', unit: 'ms', value, p50: value / 2, reference: value / 3, ratio: 1.5, ratioTarget: 1.3, target: 5, pass: false },
    { name: 'only in this run', unit: 'MB', value: 100, target: 300, ratio: 1 / 3, pass: true },
    { name: 'import rate', unit: 'rows/s', value: 12_000, target: 10_000, atLeast: true, ratio: 1.2, pass: true },
  ],
})

describe('benchmark results', () => {
  it('are written as JSON and text, and the next run gets the previous one back to compare', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fieldcrm-report-'))
    try {
      expect(writeReport(dir, 'latest', report(4), 'first\n')).toBeUndefined()
      const previous = writeReport(dir, 'latest', report(2), 'second\n')
      expect(previous?.figures[0]?.value).toBe(4)
      expect(JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')).figures[0].value).toBe(2)
      expect(await readFile(join(dir, 'latest.txt'), 'utf8')).toBe('second\n')
      const lines = delta(previous!, report(2))
      expect(lines).toHaveLength(3)
      expect(lines[0]).toMatch(/accounts\.list by name .*4\.00 -> 2\.00 ms \(-50%\)/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('print one line per figure with its reference and whether it met its target', () => {
    const [handler, memory, rate] = report(6).figures.map(formatFigure)
    expect(handler).toMatch(/^accounts\.list by name +p95 6\.00 ms +p50 3\.00 +raw p50 2\.00 +x1\.50 \(<= 1\.3\) +target < 5 ms +MISSED/)
    expect(memory).toMatch(/only in this run +100 MB .*x0\.33 of target +target < 300 MB +ok/)
    expect(rate).toMatch(/import rate +12000 rows\/s .*x1\.20 of target +target >= 10000 rows\/s +ok/)
  })

  it('print a rate with the target it must reach, and a reference with its own label', () => {
    const rate = formatFigure({ name: 'sync: first full pull', unit: 'records/s', value: 250, target: 100, ratio: 2.5, atLeast: true, pass: true })
    expect(rate).toMatch(/^sync: first full pull +250 records\/s +x2\.50 of target +target >= 100 records\/s +ok/)
    const idle = formatFigure({ name: 'sync: idle round', unit: 's', value: 0.4, reference: 0.2, referenceLabel: 'at 1,000', ratio: 2, ratioTarget: 2.5, pass: true })
    expect(idle).toMatch(/sync: idle round +0\.40 s +at 1,000 0\.20 +x2\.00 \(<= 2\.5\) +ok/)
  })
})
