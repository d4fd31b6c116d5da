import { openConnectedEngine } from './connected-engine'

// The process the sync crash test kills: it opens a data folder that is
// already connected to the fake server and runs one sync round, which the
// test kills while a create is on the wire.
//
//   node child.cjs <dataDir> <secretBoxKeyHex>

const [dataDir, keyHex] = process.argv.slice(2) as [string, string]

async function main() {
  const { engine } = await openConnectedEngine(dataDir, keyHex)
  process.stdout.write('pushing\n')
  await engine.runOnce()
  process.stdout.write('round over\n')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
