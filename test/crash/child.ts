import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openAppData } from '../../src/main/app-data'
import { recordingDesktop } from '../../src/main/desktop'
import { handlers } from '../../src/main/handlers'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { seededRandom } from '../support/seeded-random'
import type { CrashEvent } from './events'

// The process the crash test kills. It opens the real data folder and makes
// writes through the real dispatch and handlers, forever, and prints one line
// per write only after the handler has resolved (so the write is committed).
// Lines go to a pipe, which Linux writes synchronously: a printed line
// survives the SIGKILL that follows it.
//
//   node child.mjs <dataDir> <scratchDir> <seed>

const [dataDir, scratchDir, seedText] = process.argv.slice(2) as [string, string, string]
const random = seededRandom(Number(seedText))
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
const say = (event: CrashEvent) => process.stdout.write(JSON.stringify(event) + '\n')

async function main() {
  const data = await openAppData({ dataDir, desktop: recordingDesktop() })
  const dispatch = createDispatch(handlers, data.services, { error: (m, e) => console.error(m, e) })
  const call = async (channel: Parameters<typeof dispatch>[0], payload: unknown): Promise<{ id: string }> => {
    const result = await dispatch(channel, payload)
    if (!result.ok) throw new Error(`${String(channel)} failed: ${result.error.code} ${result.error.message}`)
    return result.value as { id: string }
  }
  say({ op: 'ready' })
  const tag = `${process.pid}-${seedText}`
  const accounts: string[] = []
  const cases: string[] = []
  const attachments: string[] = []
  /** Attachment id -> the record it hangs under; a case's delete takes its attachments with it. */
  const attachedTo = new Map<string, string>()
  for (let n = 0; ; n++) {
    const roll = random()
    if (!accounts.length || roll < 0.2) {
      const { id } = await call('accounts.create', { name: `Account ${tag}-${n}`, city: 'Crashville', description: 'x'.repeat(Math.floor(random() * 2000)) })
      accounts.push(id)
      say({ op: 'created', table: 'accounts', id })
    } else if (roll < 0.35) {
      const account = pick(accounts)
      const { id } = await call('contacts.create', { first_name: 'Kim', last_name: `${tag}-${n}`, email: `k${tag}-${n}@crash.test`, account_id: account })
      say({ op: 'created', table: 'contacts', id, parent: account })
    } else if (roll < 0.5) {
      const account = pick(accounts)
      const { id } = await call('cases.create', { name: `Case ${tag}-${n}`, status: 'New', priority: 'High', account_id: account })
      cases.push(id)
      say({ op: 'created', table: 'cases', id, parent: account })
    } else if (roll < 0.65) {
      const parent = cases.length && random() < 0.5 ? { type: 'case', id: pick(cases) } : { type: 'account', id: pick(accounts) }
      const { id } = await call('comments.add', { parent, body: `Comment ${n}` })
      say({ op: 'created', table: 'comments', id, parent: parent.id })
    } else if (roll < 0.88) {
      const parent = cases.length && random() < 0.5 ? { type: 'case', id: pick(cases) } : { type: 'account', id: pick(accounts) }
      // Mostly small files, some large enough that a kill often lands mid-copy.
      const size = random() < 0.25 ? 256 * 1024 + Math.floor(random() * 512 * 1024) : 1 + Math.floor(random() * 4096)
      const content = Buffer.alloc(size, `${tag}-${n}-${random()}`)
      const source = join(scratchDir, `file-${tag}-${n}.bin`)
      writeFileSync(source, content)
      data.services.grants.grant(source) // as the file picker or a drop does
      const { id } = await call('attachments.add', { parent, source_path: source })
      attachments.push(id)
      attachedTo.set(id, parent.id)
      say({ op: 'created', table: 'attachments', id, parent: parent.id, sha256: createHash('sha256').update(content).digest('hex') })
    } else if (roll < 0.95 && attachments.length) {
      const id = attachments.splice(Math.floor(random() * attachments.length), 1)[0]!
      say({ op: 'deleting', table: 'attachments', id })
      await call('attachments.delete', { id })
      say({ op: 'deleted', table: 'attachments', id })
    } else if (cases.length) {
      const id = cases.splice(Math.floor(random() * cases.length), 1)[0]!
      say({ op: 'deleting', table: 'cases', id })
      await call('cases.delete', { id })
      say({ op: 'deleted', table: 'cases', id })
      for (let i = attachments.length - 1; i >= 0; i--) if (attachedTo.get(attachments[i]!) === id) attachments.splice(i, 1)
    }
  }
}

main().catch((error: unknown) => {
  console.error('crash child failed', error)
  process.exit(1)
})
