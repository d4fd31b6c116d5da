/** Exponential backoff with full jitter: a random wait in [0, min(max, base * 2^attempt)). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt))
  return Math.floor(random() * ceiling)
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The tasks grouped by lane, lanes in the order of their first task: the order runLanes takes them in. */
export function lanesOf<T>(tasks: readonly T[], laneOf: (task: T) => string): T[][] {
  const lanes = new Map<string, T[]>()
  for (const task of tasks) {
    const key = laneOf(task)
    const lane = lanes.get(key)
    if (lane) lane.push(task)
    else lanes.set(key, [task])
  }
  return [...lanes.values()]
}

/**
 * Runs `tasks` grouped in lanes: tasks sharing a lane key run one after the
 * other (in the given order), at most `concurrency` lanes at a time. Stops
 * starting new tasks once `stopped()` says so.
 */
export async function runLanes<T>(
  tasks: readonly T[],
  laneOf: (task: T) => string,
  concurrency: number,
  run: (task: T) => Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  const queue = lanesOf(tasks, laneOf)
  let next = 0
  async function worker(): Promise<void> {
    while (next < queue.length && !stopped()) {
      const lane = queue[next++]!
      for (const task of lane) {
        if (stopped()) return
        await run(task)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker))
}
