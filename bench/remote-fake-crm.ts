import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import type { ServerSeed } from './seed-server'

// The fake server on a thread of its own: its work runs on the other core, as
// a real server's runs on another machine, so requests the sync engine keeps
// in flight overlap with the server's work instead of waiting for the one
// thread both would share.

export interface RemoteFakeCrm {
  url: string
  /** A personal access token of the admin user. */
  pat: string
  /** Records the server was seeded with. */
  seeded: number
  close(): Promise<void>
}

export interface RemoteOptions {
  /** Records the server starts with. */
  seed?: ServerSeed
  /** Answer at the real server's measured speed, this many times faster (test/fake-crm/latency.ts). */
  latencyScale?: number
}

export async function startRemoteFakeCrm(options: RemoteOptions = {}): Promise<RemoteFakeCrm> {
  // No inherited loader flags: the worker registers tsx itself.
  const worker = new Worker(new URL('./remote-fake-crm-worker.mjs', import.meta.url), { execArgv: [], workerData: options })
  const [started] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([e]) => Promise.reject(e))])) as [{ url: string; pat: string; seeded: number }]
  return {
    url: started.url,
    pat: started.pat,
    seeded: started.seeded,
    async close() {
      worker.postMessage('close')
      await once(worker, 'message')
      await worker.terminate()
    },
  }
}
