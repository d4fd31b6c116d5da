// Child process for data-folder-lock.test.ts: opens the data folder as the app
// does, starts an attachment copy that never finishes (its temp file sits in
// attachments/tmp), prints "ready" and waits to be killed.
//   node folder-holder.cjs <dataDir>
import { PassThrough } from 'node:stream'
import { openAppData } from '../../../src/main/app-data'
import { recordingDesktop } from '../../../src/main/desktop'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: folder-holder.cjs <dataDir>')

async function main(dir: string) {
  const data = await openAppData({ dataDir: dir, desktop: recordingDesktop() })
  const copy = new PassThrough()
  void data.services.files.importStream(copy)
  copy.write('the first bytes of a large file')
  // The temp file exists once the first bytes are written.
  await new Promise((resolve) => setTimeout(resolve, 200))
  console.log('ready')
  setInterval(() => {}, 60_000)
}

main(dataDir).catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
