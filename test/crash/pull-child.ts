import { openConnectedEngine } from './connected-engine'

// The process the pull crash test kills: it opens a data folder connected to
// the fake server and runs one round of records (no per-record comments), a
// pull of whatever the server changed since, which the test kills midway.
//
//   node child.cjs <dataDir> <secretBoxKeyHex>

const [dataDir, keyHex] = process.argv.slice(2) as [string, string]

async function main() {
  const { data, engine } = await openConnectedEngine(dataDir, keyHex, { fullEveryMs: Infinity })
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
