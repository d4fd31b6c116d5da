import { describe, expect, it } from 'vitest'
import { summarize, timePair } from './measure'

describe('timePair', () => {
  it('times both call by call, each going first in turn, with indices counting on after the warm-up', async () => {
    const calls: string[] = []
    const t = await timePair({ warmup: 2, min: 4, max: 4, ms: 0 }, (i) => calls.push(`s${i}`), (i) => calls.push(`r${i}`))
    expect(calls).toEqual(['s0', 'r0', 's1', 'r1', 's2', 'r2', 'r3', 's3', 's4', 'r4', 'r5', 's5'])
    expect(t.subject.n).toBe(4)
    expect(t.reference.n).toBe(4)
  })

  it('summarizes single calls by their median and 95th percentile', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => 100 - i))
    expect(s).toEqual({ n: 100, p50: 51, p95: 96, max: 100 })
  })
})
