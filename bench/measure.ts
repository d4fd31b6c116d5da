// Timing helpers. Every figure is a distribution of single calls, so a
// p95 shows the slow call a user would notice, not just the average.

export interface Timing {
  n: number
  p50: number
  p95: number
  max: number
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! }
}

export interface Budget {
  /** Calls before measuring (JIT, page cache, statement caches). */
  warmup: number
  min: number
  max: number
  /** Stop after this many milliseconds once `min` calls are done. */
  ms: number
}

export const FULL_BUDGET: Budget = Object.freeze({ warmup: 5, min: 20, max: 400, ms: 1500 })
export const SMALL_BUDGET: Budget = Object.freeze({ warmup: 2, min: 5, max: 20, ms: 200 })

/**
 * Times `subject` and `reference` alternately, call by call, so both see the
 * same machine load (the benchmark may share its cores with other work).
 * Which of the two goes first alternates too: the second of a pair runs the
 * same work right after the first and finds its data in the CPU caches (a
 * search replayed raw right after its handler took two thirds of the time it
 * took when it ran first).
 */
export async function timePair(
  budget: Budget,
  subject: (i: number) => unknown,
  reference: (i: number) => unknown,
): Promise<{ subject: Timing; reference: Timing }> {
  for (let i = 0; i < budget.warmup; i++) {
    await subject(i)
    await reference(i)
  }
  const a: number[] = []
  const b: number[] = []
  const started = performance.now()
  for (let i = 0; i < budget.max && (i < budget.min || performance.now() - started < budget.ms); i++) {
    // Indices keep counting after the warm-up, so a write never repeats a name.
    const n = budget.warmup + i
    if (i % 2 === 0) {
      a.push(await timed(subject, n))
      b.push(await timed(reference, n))
    } else {
      b.push(await timed(reference, n))
      a.push(await timed(subject, n))
    }
  }
  return { subject: summarize(a), reference: summarize(b) }
}

async function timed(run: (i: number) => unknown, i: number): Promise<number> {
  const started = performance.now()
  await run(i)
  return performance.now() - started
}

/** Times one operation alone. */
export async function timeOne(budget: Budget, subject: (i: number) => unknown): Promise<Timing> {
  for (let i = 0; i < budget.warmup; i++) await subject(i)
  const a: number[] = []
  const started = performance.now()
  for (let i = 0; i < budget.max && (i < budget.min || performance.now() - started < budget.ms); i++) {
    const t = performance.now()
    await subject(budget.warmup + i)
    a.push(performance.now() - t)
  }
  return summarize(a)
}
