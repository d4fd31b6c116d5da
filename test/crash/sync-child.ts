import { openAppData } from '../../src/main/app-data'
import { recordingDesktop } from '../../src/main/desktop'
import { attachSync } from '../../src/main/sync/registry'
import { fakeSecretBox } from '../fake-crm/secret-box'

// The process the sync crash test kills: it opens a data folder that is
// already connected to the fake server and runs one sync round, which the
// test kills while a create is on the wire.
//
//   node child.cjs <dataDir> <secretBoxKeyHex>

const [dataDir, keyHex] = process.argv.slice(2) as [string, string]

async function main() {
  const data = await openAppData({ dataDir, desktop: recordingDesktop() })
  const engine = attachSync(data.services, {
    secretBox: fakeSecretBox(true, Buffer.from(keyHex, 'hex')),
    tuning: { concurrency: 4, tries: 1, baseDelayMs: 1, maxDelayMs: 10 },
    timeoutMs: 60_000,
  })
  process.stdout.write('pushing\n')
  await engine.runOnce()
  process.stdout.write('round over\n')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
