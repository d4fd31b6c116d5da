// Fault injection for the fake server. A plan looks at each request and
// answers with the fault to apply, or null for a normal answer.
//  drop        close the connection before reading the request (nothing happens)
//  timeout     never answer (the client's time-out fires; nothing happens)
//  500         answer 500 before doing anything
//  reset-after do the work, then close the connection instead of answering
//  500-after   do the work, then answer 500 (the server's non-atomic writes)
//  hang-after  do the work, then never answer (the client dies waiting: the crash tests)
//  slow        wait a little, then answer normally
// For a file download only (a hostile server's bodies):
//  endless-body   send the file's bytes over and over, without a Content-Length, until the client goes
//  huge-declared  declare 40 GB in Content-Length, then send as endless-body does

export type Fault = 'drop' | 'timeout' | '500' | 'reset-after' | '500-after' | 'hang-after' | 'slow' | 'endless-body' | 'huge-declared'
export interface RequestInfo { method: string; path: string }
export type FaultPlan = (request: RequestInfo) => Fault | null

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALL: readonly Fault[] = ['drop', 'timeout', '500', 'reset-after', '500-after', 'slow']

/** Each request fails with probability `rate`, with a fault picked at random from `kinds`. */
export function randomFaults(rate: number, seed: number, kinds: readonly Fault[] = ALL): FaultPlan {
  const random = seeded(seed)
  return () => (random() < rate ? kinds[Math.floor(random() * kinds.length)]! : null)
}

/** The next `count` requests matching `method` and `path` (a prefix or a pattern) get `fault`. */
export function faultOn(method: string, path: string | RegExp, fault: Fault, count = 1): FaultPlan {
  let left = count
  return (r) => {
    const hit = r.method === method && (typeof path === 'string' ? r.path.startsWith(path) : path.test(r.path))
    if (!hit || left <= 0) return null
    left--
    return fault
  }
}
