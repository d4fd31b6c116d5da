// The fake Django-CRM server, run in a worker thread by remote-fake-crm.ts.
// TypeScript is loaded through tsx, whoever started the parent.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { startFakeCrm } = await import('../test/fake-crm/server.ts')
const { realLatency } = await import('../test/fake-crm/latency.ts')
const { seedServerRecords } = await import('./seed-server.ts')
const options = workerData ?? {}
const fake = await startFakeCrm(options.latencyScale ? { latency: realLatency(options.latencyScale) } : {})
const seeded = options.seed ? seedServerRecords(fake, options.seed) : 0
parentPort.postMessage({ url: fake.url, pat: fake.pat, seeded })
parentPort.once('message', async () => {
  await fake.close()
  parentPort.postMessage('closed')
})
