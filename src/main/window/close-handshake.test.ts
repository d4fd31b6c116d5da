import { describe, expect, it } from 'vitest'
import type { Services } from '../services'
import { closeHandshakeOf } from './close-handshake'

describe('the close handshake', () => {
  it('resolves once the page says it is ready, not before', async () => {
    const handshake = closeHandshakeOf({} as Services)
    let asked = 0
    let outcome: string | null = null
    const flushing = handshake.flush(() => asked++, 5_000).then((o) => (outcome = o))
    expect(asked).toBe(1)
    await new Promise((r) => setTimeout(r, 20))
    expect(outcome).toBeNull()
    handshake.ready()
    await flushing
    expect(outcome).toBe('ready')
  })

  it('lets the window go after its time-out when the page never answers', async () => {
    await expect(closeHandshakeOf({} as Services).flush(() => {}, 20)).resolves.toBe('timed-out')
  })

  it('is one per data folder', () => {
    const services = {} as Services
    expect(closeHandshakeOf(services)).toBe(closeHandshakeOf(services))
    expect(closeHandshakeOf(services)).not.toBe(closeHandshakeOf({} as Services))
  })
})
