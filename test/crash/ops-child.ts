import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { recordingDesktop } from '../../src/main/desktop'
import { handlers } from '../../src/main/handlers'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { startAppData } from '../../src/main/backup/recovery'
import { seededRandom } from '../support/seeded-random'
import type { OpEvent, OpKind } from './op-events'

// The process the operation crash test kills: it repeats one kind of user
// operation (a restore, a CSV import, edits, comments, large attachments)
// through the real dispatch and handlers, and says when each begins and when
// it has resolved (committed). The test kills it at a moment spread over the
// whole operation, using the durations it reported.
//
//   node child.cjs <dataDir> <scratchDir> <op> <seed>

const [dataDir, scratchDir, op, seedText] = process.argv.slice(2) as [string, string, OpKind, string]
const random = seededRandom(Number(seedText))
const say = (event: OpEvent) => process.stdout.write(JSON.stringify(event) + '\n')

/** Rows per imported file: large enough that a kill lands inside the import's transaction. */
export const IMPORT_ROWS = 500

async function main() {
  const desktop = recordingDesktop()
  const started = await startAppData({ dataDir, desktop })
  if (started.kind !== 'ready') throw new Error(`the data folder did not open: ${started.problem}`)
  const services = started.data.services
  const dispatch = createDispatch(handlers, services, { error: (m, e) => console.error(m, e) })
  const call = async <T>(channel: Parameters<typeof dispatch>[0], payload: unknown): Promise<T> => {
    const result = await dispatch(channel, payload)
    if (!result.ok) throw new Error(`${String(channel)} failed: ${result.error.code} ${result.error.message}`)
    return result.value as T
  }
  const accounts = (await services.db.kysely.selectFrom('accounts').select('id').execute()).map((a) => a.id)
  say({ op: 'ready' })
  for (let n = 0; ; n++) {
    const tag = `${seedText}-${n}`
    const begun = Date.now()
    if (op === 'restore') {
      say({ op: 'begin', tag })
      desktop.backupToOpen = join(scratchDir, 'foreign.sqlite')
      await call('data.restore', undefined)
    } else if (op === 'import') {
      const file = join(scratchDir, `import-${tag}.csv`)
      const rows = Array.from({ length: IMPORT_ROWS }, (_, i) => `"Imported ${tag} ${i}",Crashville,${'d'.repeat(Math.floor(random() * 400))}`)
      writeFileSync(file, `name,city,description\r\n${rows.join('\r\n')}\r\n`)
      services.grants.grant(file)
      say({ op: 'begin', tag })
      await call('import.run', { kind: 'accounts', source_path: file, mapping: ['name', 'city', 'description'], has_header: true, import_id: services.clock.newId() })
    } else if (op === 'update') {
      const id = accounts[Math.floor(random() * accounts.length)]!
      const value = `Edited ${tag}`
      say({ op: 'begin', tag, id, value })
      await call('accounts.update', { id, patch: { city: value, description: 'e'.repeat(Math.floor(random() * 3000)) } })
    } else if (op === 'comment') {
      const id = accounts[Math.floor(random() * accounts.length)]!
      say({ op: 'begin', tag })
      const comment = await call<{ id: string }>('comments.add', { parent: { type: 'account', id }, body: `Comment ${tag}` })
      say({ op: 'created', tag, table: 'comments', id: comment.id, value: `Comment ${tag}` })
      const value = `Edited comment ${tag}`
      say({ op: 'begin', tag, id: comment.id, value })
      await call('comments.update', { id: comment.id, body: value })
    } else {
      // Large copies: a kill mostly lands while the file is being copied or synced.
      const id = accounts[Math.floor(random() * accounts.length)]!
      const source = join(scratchDir, `large-${tag}.bin`)
      writeFileSync(source, Buffer.alloc(4 * 1024 * 1024 + Math.floor(random() * 8 * 1024 * 1024), tag))
      services.grants.grant(source)
      say({ op: 'begin', tag })
      const attachment = await call<{ id: string }>('attachments.add', { parent: { type: 'account', id }, source_path: source })
      say({ op: 'created', tag, table: 'attachments', id: attachment.id })
    }
    say({ op: 'end', tag, ms: Date.now() - begun })
  }
}

main().catch((error: unknown) => {
  console.error('crash child failed', error)
  process.exit(1)
})
