import { openAppData } from '../../src/main/app-data'
import { recordingDesktop } from '../../src/main/desktop'
import { attachSync } from '../../src/main/sync/registry'
import { fakeSecretBox } from '../fake-crm/secret-box'

// The process the pull crash test kills: it opens a data folder connected to
// the fake server and runs one round of records (no per-record comments), a
// pull of whatever the server changed since, which the test kills midway.
//
//   node child.cjs <dataDir> <secretBoxKeyHex>

const [dataDir, keyHex] = process.argv.slice(2) as [string, string]

async function main() {
  const data = await openAppData({ dataDir, desktop: recordingDesktop() })
  const engine = attachSync(data.services, {
    secretBox: fakeSecretBox(true, Buffer.from(keyHex, 'hex')),
    tuning: { concurrency: 4, tries: 1, baseDelayMs: 1, maxDelayMs: 10 },
    timeoutMs: 60_000,
    fullEveryMs: Infinity,
  })
  process.stdout.write('round begins\n')
  const began = Date.now()
  await engine.runOnce(false)
  process.stdout.write(`round over ${Date.now() - began}\n`)
  await engine.stop()
  await data.close()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
