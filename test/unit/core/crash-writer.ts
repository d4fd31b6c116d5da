// Child process for crash.test.ts: writes records through the real handlers
// in an endless loop and prints "<kind> <id>" after each one commits. The
// test kills it with SIGKILL mid-write. The test compiles it first; by hand:
// node --import tsx crash-writer.ts <dataDir>
import { openAppData } from '../../../src/main/app-data'
import { recordingDesktop } from '../../../src/main/desktop'
import { handlers } from '../../../src/main/handlers'
import { createDispatch } from '../../../src/main/ipc/dispatch'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: crash-writer.ts <dataDir>')

const data = await openAppData({ dataDir, desktop: recordingDesktop() })
const dispatch = createDispatch(handlers, data.services)
const run = process.pid

async function write(channel: string, payload: unknown): Promise<string> {
  const result = await dispatch(channel, payload)
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`)
  return (result.value as { id: string }).id
}

// Pipes are written synchronously on Linux and macOS, so a printed id has
// left this process before the next write starts.
console.log('ready')
for (let i = 0; ; i++) {
  const account = await write('accounts.create', { name: `Crash ${run}-${i}`, city: 'Kill City', description: 'x'.repeat(2000) })
  console.log(`account ${account}`)
  const kase = await write('cases.create', { name: `Case ${run}-${i}`, status: 'New', priority: 'Low', account_id: account })
  console.log(`case ${kase}`)
  const comment = await write('comments.add', { parent: { type: 'case', id: kase }, body: `note ${i}` })
  console.log(`comment ${comment}`)
  const renamed = await write('accounts.update', { id: account, patch: { name: `Crash ${run}-${i} renamed` } })
  console.log(`renamed ${renamed}`)
}
