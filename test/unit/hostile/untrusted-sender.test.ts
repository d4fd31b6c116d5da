import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, IPC_PREFIX } from '../../../src/shared/ipc/contract'

// registerIpc is the only way a window reaches the handlers. Electron cannot
// run here, so ipcMain is replaced by a registry and every registered channel
// is called as a foreign frame and as the app's own page.

type Listener = (event: { senderFrame: { url: string } | null }, payload: unknown) => unknown
const registered = new Map<string, Listener>()

vi.mock('electron', () => ({
  ipcMain: { handle: (name: string, listener: Listener) => registered.set(name, listener) },
}))

const { registerIpc } = await import('../../../src/main/electron/ipc')

const FOREIGN = [
  'https://evil.test/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://evil/index.html', 'app://crm.evil.test/',
  'about:blank', 'data:text/html,<script>1</script>', 'javascript:alert(1)', 'chrome-extension://abc/x.html', '', 'not a url',
]

describe('IPC senders', () => {
  const calls: Array<[unknown, unknown]> = []
  registerIpc(async (channel, payload) => {
    calls.push([channel, payload])
    return { ok: true, value: null }
  })

  it('registers every contract channel under the prefix, and nothing else', () => {
    expect([...registered.keys()].sort()).toEqual(CHANNELS.map((c) => IPC_PREFIX + c).sort())
  })

  it('refuses every channel to a frame that is not the app, without reaching the handler', async () => {
    for (const channel of CHANNELS) {
      const listener = registered.get(IPC_PREFIX + channel)!
      for (const url of FOREIGN) {
        const result = (await listener({ senderFrame: { url } }, {})) as { ok: boolean; error?: { code: string } }
        expect(result, `${channel} from ${url}`).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      }
      const orphan = (await listener({ senderFrame: null }, {})) as { ok: boolean; error?: { code: string } }
      expect(orphan).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(calls).toEqual([])
  })

  it("passes the app's own page through to the dispatcher", async () => {
    for (const channel of CHANNELS) {
      const result = await registered.get(IPC_PREFIX + channel)!({ senderFrame: { url: 'app://crm/index.html' } }, { x: 1 })
      expect(result).toEqual({ ok: true, value: null })
    }
    expect(calls).toEqual(CHANNELS.map((c) => [c, { x: 1 }]))
  })
})
