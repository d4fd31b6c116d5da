import { describe, expect, it } from 'vitest'
import { CHANNEL_NAMES } from './channel-names'
import { CHANNELS } from './contract'
import { createCrmApi } from './create-api'

describe('the channel names the preload builds window.crm from', () => {
  it('are exactly the contract\'s channels', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort())
  })

  it('give the page one method per channel, calling that channel', async () => {
    const called: string[] = []
    const api = createCrmApi(async (channel) => (called.push(channel), { ok: true, value: null }))
    for (const channel of CHANNELS) {
      const [domain, method] = channel.split('.') as [string, string]
      await (api as unknown as Record<string, Record<string, () => Promise<unknown>>>)[domain]![method]!()
    }
    expect(called).toEqual([...CHANNELS])
  })
})
