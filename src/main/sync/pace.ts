// How long to wait for an answer, and how many requests to keep on the wire,
// following the answers the server gives. A fixed time-out is wrong for a
// slow server: the real one took 5-11 s a page, a round with 20 s and six
// requests at a time stopped finishing at ~1,000 records, and a request that
// timed out kept the server busy while it was sent again, so the time-outs
// fed themselves. Here a time-out doubles the wait and halves the requests on
// the wire; answers bring the wait back towards a few times the slowest
// recent one, and the requests back up one at a time.

/** Answers remembered for the wait. */
const RECENT = 20
/** The wait as a multiple of the slowest recent answer. */
const HEADROOM = 4
/** Answers in a row, without a time-out, before one more request goes on the wire. */
const ANSWERS_PER_STEP_UP = 8

export interface PaceOptions {
  /** The wait to start from, and the shortest one. */
  answerMs: number
  /** The longest wait (3 minutes got the real server's slowest rounds through). */
  maxAnswerMs?: number
  /** The most requests on the wire. */
  maxInFlight: number
}

export class Pace {
  private waitMs: number
  private readonly recent: number[] = []
  private inFlight: number
  private answersInARow = 0

  constructor(private readonly options: PaceOptions) {
    this.waitMs = options.answerMs
    this.inFlight = options.maxInFlight
  }

  /** How long the next request may wait for its answer. */
  answerMs(): number {
    return this.waitMs
  }

  /** How many requests may be on the wire now. */
  concurrency(): number {
    return this.inFlight
  }

  private get maxMs(): number {
    return Math.max(this.options.answerMs, this.options.maxAnswerMs ?? 180_000)
  }

  answered(ms: number): void {
    this.recent.push(ms)
    if (this.recent.length > RECENT) this.recent.shift()
    const target = Math.max(this.options.answerMs, HEADROOM * Math.max(...this.recent))
    // Down slowly (one fast answer says little), up at once.
    this.waitMs = Math.min(this.maxMs, Math.max(target, Math.round(this.waitMs * 0.9)))
    if (++this.answersInARow >= ANSWERS_PER_STEP_UP && this.inFlight < this.options.maxInFlight) {
      this.inFlight++
      this.answersInARow = 0
    }
  }

  timedOut(): void {
    this.waitMs = Math.min(this.maxMs, this.waitMs * 2)
    this.inFlight = Math.max(1, Math.floor(this.inFlight / 2))
    this.answersInARow = 0
  }
}
