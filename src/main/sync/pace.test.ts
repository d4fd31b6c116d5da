import { describe, expect, it } from 'vitest'
import { Pace } from './pace'

describe('Pace', () => {
  it('doubles the wait and halves the requests on the wire at each time-out, within its bounds', () => {
    const pace = new Pace({ answerMs: 1_000, maxAnswerMs: 5_000, maxInFlight: 6 })
    pace.timedOut()
    expect([pace.answerMs(), pace.concurrency()]).toEqual([2_000, 3])
    pace.timedOut()
    pace.timedOut()
    pace.timedOut()
    expect([pace.answerMs(), pace.concurrency()]).toEqual([5_000, 1])
  })

  it('follows the answers: at least four times the slowest recent one, down slowly, and one more request per eight answers', () => {
    const pace = new Pace({ answerMs: 1_000, maxInFlight: 4 })
    pace.timedOut()
    pace.timedOut()
    expect(pace.concurrency()).toBe(1)
    pace.answered(2_000)
    expect(pace.answerMs()).toBe(8_000)
    for (let i = 0; i < 7; i++) pace.answered(10)
    expect(pace.concurrency()).toBe(2)
    // The 2 s answer is still among the recent ones.
    expect(pace.answerMs()).toBe(8_000)
    for (let i = 0; i < 40; i++) pace.answered(10)
    expect(pace.answerMs()).toBe(1_000)
    expect(pace.concurrency()).toBe(4)
  })
})
