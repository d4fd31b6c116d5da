import { DEFAULT_TUNING } from '../src/main/sync/context'
import { openSyncRig } from '../test/fake-crm/index'
import { startRemoteFakeCrm, type RemoteFakeCrm } from './remote-fake-crm'
import { mixedSeed } from './seed-server'

// Pulling from the fake Django-CRM server (on a thread of its own, answering
// at the real server's measured speed scaled down, test/fake-crm/latency.ts),
// with the app's own sync engine and default tuning:
//  - a first pull of a server holding `records` records of mixed kinds (lists,
//    and every record's details for its comments and files), in records a second;
//  - a round with nothing to do, at a quarter of that and at all of it: the
//    periodic round that reads the lists and the details of changed records
//    only (none here). The API has no "changed since", so the lists are read
//    whole every round; what must not come back is a request per record.

/** A round with nothing to do: its median seconds, and its requests. */
export interface PullIdle {
  records: number
  seconds: number
  requests: number
}

export type PullFigure =
  | {
      measured: true
      records: number
      firstSeconds: number
      firstRequests: number
      /** The idle round at records/4 and at records. */
      idle: PullIdle[]
      latencyScale: number
    }
  | { measured: false; reason: string }

/** The real server's speed, 50 times faster: a page of 100 slim cases in 42 ms, a record's details in 6 ms. */
export const PULL_LATENCY_SCALE = 1 / 50

interface PullRun {
  firstSeconds: number
  firstRequests: number
  idleSeconds: number
  idleRequests: number
}

async function pullFrom(records: number, idleRounds: number, latencyScale: number): Promise<PullRun> {
  let requests = 0
  const countingFetch: typeof fetch = (input, init) => {
    requests++
    return fetch(input, init)
  }
  let server: RemoteFakeCrm | null = null
  // Rounds that read the details of changed records every time (as the 15-minute one does), never a sweep of all.
  const rig = await openSyncRig({
    fetch: countingFetch,
    tuning: DEFAULT_TUNING,
    timeoutMs: 20_000,
    fullEveryMs: 0,
    server: async () => (server = await startRemoteFakeCrm({ seed: mixedSeed(records), latencyScale })),
  })
  try {
    if (server!.seeded !== records) throw new Error(`The fake server holds ${server!.seeded} records, not ${records}`)
    const started = performance.now()
    const connected = await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat })
    if (!connected.ok) throw new Error(`Could not connect to the fake server: ${connected.error.message}`)
    // Connecting starts the first round (a full one); this waits for it.
    const first = await rig.engine.runOnce(false)
    const firstSeconds = (performance.now() - started) / 1000
    const firstRequests = requests
    const pulled = first.pull?.inserted ?? 0
    if (!first.pull || first.status.state !== 'idle' || pulled < records) {
      throw new Error(`The first pull took in ${pulled} records of ${records} (${first.status.message ?? first.status.state})`)
    }
    const times: number[] = []
    let idleRequests = 0
    for (let i = 0; i < idleRounds; i++) {
      const before = requests
      const t = performance.now()
      const round = await rig.engine.runOnce(false)
      times.push((performance.now() - t) / 1000)
      idleRequests = requests - before
      if (!round.pull || round.pull.inserted || round.pull.updated || round.status.state !== 'idle') {
        throw new Error(`A round with nothing to do did something: ${JSON.stringify(round.pull)} ${round.status.message ?? ''}`)
      }
    }
    times.sort((a, b) => a - b)
    return { firstSeconds, firstRequests, idleSeconds: times[Math.floor(times.length / 2)]!, idleRequests }
  } finally {
    await rig.close()
  }
}

export async function measurePull(records: number, latencyScale = PULL_LATENCY_SCALE): Promise<PullFigure> {
  const quarter = Math.round(records / 4)
  const small = await pullFrom(quarter, 3, latencyScale)
  const large = await pullFrom(records, 3, latencyScale)
  return {
    measured: true,
    records,
    firstSeconds: large.firstSeconds,
    firstRequests: large.firstRequests,
    idle: [
      { records: quarter, seconds: small.idleSeconds, requests: small.idleRequests },
      { records, seconds: large.idleSeconds, requests: large.idleRequests },
    ],
    latencyScale,
  }
}

if (process.argv[1]?.endsWith('sync-pull.ts')) {
  const records = Number(process.argv[2] ?? 1_000)
  const scale = process.argv[3] === undefined ? PULL_LATENCY_SCALE : Number(process.argv[3])
  console.log(JSON.stringify(await measurePull(records, scale), null, 2))
}
