// The fake Django-CRM server, run in a worker thread by remote-fake-crm.ts.
// TypeScript is loaded through tsx, whoever started the parent.
import { parentPort } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { startFakeCrm } = await import('../test/fake-crm/server.ts')
const fake = await startFakeCrm()
parentPort.postMessage({ url: fake.url, pat: fake.pat })
parentPort.once('message', async () => {
  await fake.close()
  parentPort.postMessage('closed')
})
