// Child process for start-failure.test.ts: opens a data folder as the app does
// and prints how a failure is classified, as one JSON line. The test runs it
// as an unprivileged user when it runs as root (root may write anywhere).
//   node start-failure-child.cjs <dataDir>
import { openAppData } from '../../../src/main/app-data'
import { recordingDesktop } from '../../../src/main/desktop'
import { classifyStartFailure } from '../../../src/main/start/start-failure'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: start-failure-child.cjs <dataDir>')

openAppData({ dataDir, desktop: recordingDesktop() })
  .then(async (data) => {
    await data.close()
    console.log(JSON.stringify({ opened: true }))
  })
  .catch((error: unknown) => {
    console.log(JSON.stringify({ opened: false, code: (error as { code?: unknown }).code, failure: classifyStartFailure(error, dataDir) }))
  })
