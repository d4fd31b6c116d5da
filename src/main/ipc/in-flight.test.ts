import { describe, expect, it } from 'vitest'
import { trackInFlight } from './in-flight'

describe('trackInFlight', () => {
  it('drains once every call has answered, including calls made while draining', async () => {
    const finish: Array<() => void> = []
    const tracked = trackInFlight(() => new Promise((resolve) => finish.push(() => resolve({ ok: true, value: null }))))
    void tracked.dispatch('a', {})
    let drained = false
    const drain = tracked.drain(5_000).then((o) => ((drained = true), o))
    void tracked.dispatch('b', {})
    finish[0]!()
    await new Promise((r) => setTimeout(r, 10))
    expect(drained).toBe(false)
    finish[1]!()
    await expect(drain).resolves.toBe('drained')
  })

  it('gives up after its time-out on a call that never answers', async () => {
    const tracked = trackInFlight(() => new Promise(() => {}))
    void tracked.dispatch('a', {})
    await expect(tracked.drain(20)).resolves.toBe('timed-out')
  })

  it('drains at once when nothing runs', async () => {
    await expect(trackInFlight(async () => ({ ok: true, value: null })).drain(1_000)).resolves.toBe('drained')
  })
})
