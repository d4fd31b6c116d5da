import { DEFAULT_TUNING } from '../src/main/sync/context'
import { openSyncRig, seedPendingAccounts } from '../test/fake-crm/index'
import { startRemoteFakeCrm } from './remote-fake-crm'

// Pushing pending changes to the fake Django-CRM server on 127.0.0.1, with the
// app's own sync engine and its default tuning, against a plain loop of the
// very same HTTP requests (recorded during the push, replayed one after
// another to a fresh fake server): what is left between the two is the
// engine's own cost, minus what its concurrency wins back. Both servers run
// on a thread of their own (remote-fake-crm.ts), as a real server runs
// elsewhere: sharing the benchmark's thread, the server's work and the
// engine's were added up, and concurrency could win nothing back.

export type SyncFigure =
  | { measured: true; changes: number; pushed: number; seconds: number; plainSeconds: number; concurrency: number; requests: number; failures: number; failureKinds: string }
  | { measured: false; reason: string }

interface Recorded {
  method: string
  url: URL
  headers: Record<string, string>
  body: string | undefined
  /** What the server answered the engine; the plain loop must get the same. */
  status?: number
  /** Set when the engine's request failed without an answer (it retries those). */
  failure?: string
}

export async function measureSync(changes: number): Promise<SyncFigure> {
  const recorded: Recorded[] = []
  let recording = false
  const recordingFetch: typeof fetch = async (input, init) => {
    if (!recording) return fetch(input, init)
    const body = init?.body
    if (body !== undefined && body !== null && typeof body !== 'string') throw new Error('The benchmark replays JSON requests only')
    const entry: Recorded = { method: init?.method ?? 'GET', url: new URL(String(input)), headers: { ...(init?.headers as Record<string, string>) }, body: body ?? undefined }
    recorded.push(entry)
    try {
      const response = await fetch(input, init)
      entry.status = response.status
      return response
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause
      entry.failure = `${(error as Error).name}${cause ? ` (${cause.code ?? cause.message ?? 'no detail'})` : ''}`
      throw error
    }
  }
  const rig = await openSyncRig({ fetch: recordingFetch, tuning: DEFAULT_TUNING, timeoutMs: 20_000, server: startRemoteFakeCrm })
  try {
    const connected = await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat })
    if (!connected.ok) throw new Error(`Could not connect to the fake server: ${connected.error.message}`)
    await rig.engine.runOnce()
    await seedPendingAccounts(rig, changes)

    recording = true
    const started = performance.now()
    const result = await rig.engine.pushNow()
    const seconds = (performance.now() - started) / 1000
    recording = false
    if (!result) throw new Error('The sync engine was not connected')
    if (result.pushed < changes) throw new Error(`Only ${result.pushed} of ${changes} changes were pushed (${result.message ?? 'no message'})`)

    // The same requests, one after another, to a server that has not seen them.
    const fresh = await startRemoteFakeCrm()
    try {
      const base = new URL(fresh.url)
      const plainStarted = performance.now()
      // A request that failed without an answer (the engine retried it) is not replayed.
      for (const r of recorded) {
        if (r.failure) continue
        const url = new URL(r.url)
        url.host = base.host
        const headers = { ...r.headers }
        if (headers['Authorization']) headers['Authorization'] = `Bearer ${fresh.pat}`
        const response = await fetch(url, { method: r.method, headers, body: r.body })
        const answer = await response.text()
        if (r.status !== undefined && response.status !== r.status) {
          throw new Error(`The plain loop got ${response.status} (the engine ${r.status}) for ${r.method} ${url.pathname}: ${answer.slice(0, 200)} (sent ${String(r.body).slice(0, 200)})`)
        }
      }
      const plainSeconds = (performance.now() - plainStarted) / 1000
      const failures = recorded.filter((r) => r.failure).map((r) => r.failure)
      return { measured: true, changes, pushed: result.pushed, seconds, plainSeconds, concurrency: result.concurrency, requests: recorded.length, failures: failures.length, failureKinds: [...new Set(failures)].join(', ') }
    } finally {
      await fresh.close()
    }
  } finally {
    await rig.close()
  }
}
