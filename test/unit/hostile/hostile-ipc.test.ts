import { createHash, randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppData, type AppData } from '../../../src/main/app-data'
import { recordingDesktop } from '../../../src/main/desktop'
import { handlers } from '../../../src/main/handlers'
import { createDispatch, type Dispatch } from '../../../src/main/ipc/dispatch'
import { CHANNELS, type Channel } from '../../../src/shared/ipc/contract'
import { ERROR_CODES } from '../../../src/shared/ipc/errors'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { brokenPayload, hostileValue } from './payloads'

// Every channel, called with random and malformed payloads through the real
// dispatch and handlers on a real database: each call must answer a Result
// (never throw), a failure must carry a known code other than 'internal'
// (which would mean a handler bug), and a refused call must leave every table
// exactly as it was.

/** Calls per channel; HOSTILE_RUNS raises it for a longer hunt (fast-check prints the seed of a failure). */
const RUNS_PER_CHANNEL = Number(process.env['HOSTILE_RUNS'] ?? 40)

let dir: string
let data: AppData
let dispatch: Dispatch
const internalErrors: string[] = []
const ids: Record<string, string> = {}

/** A hash of every row of every table (the outbox and search index included) and of the stored files' names. */
async function contentHash(): Promise<string> {
  const sqlite = data.services.db.sqlite
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[]
  const hash = createHash('sha256')
  for (const { name } of tables) {
    hash.update(`#${name}\n`)
    for (const row of sqlite.prepare(`select * from "${name}"`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v)))
    }
  }
  hash.update(`#files\n${(await data.services.files.listHashes()).sort().join('\n')}`)
  return hash.digest('hex')
}

async function call(channel: string, payload: unknown) {
  const result = await dispatch(channel, payload)
  if (!result.ok && result.error.code === 'internal') internalErrors.push(channel)
  return result
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-hostile-'))
  const desktop = recordingDesktop()
  data = await openAppData({ dataDir: join(dir, 'data'), desktop })
  dispatch = createDispatch(handlers, data.services, {
    error: (message, error) => internalErrors.push(`${message}: ${(error as Error)?.stack ?? String(error)}`),
  })
  const ok = async (channel: Channel, payload: unknown) => {
    const r = await dispatch(channel, payload)
    if (!r.ok) throw new Error(`seed ${channel}: ${r.error.message}`)
    return r.value as { id: string }
  }
  ids.account = (await ok('accounts.create', { name: 'Seed Account', email: 'seed@example.test' })).id
  ids.contact = (await ok('contacts.create', { first_name: 'Seed', last_name: 'Person', email: 'p@example.test', account_id: ids.account })).id
  ids.case = (await ok('cases.create', { name: 'Seed case', status: 'New', priority: 'Low', account_id: ids.account })).id
  ids.comment = (await ok('comments.add', { parent: { type: 'case', id: ids.case }, body: 'Seed comment' })).id
  await writeFile(join(dir, 'seed.txt'), 'seed attachment')
  // The files a user picked: the valid payloads name them; random paths stay refused.
  data.services.grants.grant(join(dir, 'seed.txt'))
  data.services.grants.grant(join(dir, 'seed.csv'))
  ids.attachment = (await ok('attachments.add', { parent: { type: 'account', id: ids.account }, source_path: join(dir, 'seed.txt') })).id
  ids.tag = (await ok('tags.create', { name: 'seed' })).id
  await writeFile(join(dir, 'seed.csv'), 'name,email\nImported,imp@example.test\n')
})

afterAll(async () => {
  await data?.close()
  await rm(dir, { recursive: true, force: true })
})

/** A payload each channel accepts, as the starting point for breaking it. */
function validPayload(channel: Channel): Record<string, unknown> {
  const parent = { type: 'account', id: ids.account }
  const bases: Partial<Record<Channel, Record<string, unknown>>> = {
    'accounts.list': { name: 'seed', limit: 10, offset: 0, sort: 'name' },
    'accounts.get': { id: ids.account },
    'accounts.create': { name: 'New account', email: 'n@example.test', website: 'https://example.test', number_of_employees: 3 },
    'accounts.update': { id: ids.account, patch: { city: 'Lyon' } },
    'accounts.delete': { id: ids.account },
    'accounts.deleteImpact': { id: ids.account },
    'contacts.list': { name: 'seed', account_id: ids.account, limit: 10 },
    'contacts.get': { id: ids.contact },
    'contacts.create': { first_name: 'A', last_name: 'B', email: 'ab@example.test', account_id: ids.account },
    'contacts.update': { id: ids.contact, patch: { title: 'Boss' } },
    'contacts.delete': { id: ids.contact },
    'cases.list': { status: ['New'], limit: 5 },
    'cases.get': { id: ids.case },
    'cases.create': { name: 'New case', status: 'New', priority: 'High', contact_ids: [ids.contact] },
    'cases.update': { id: ids.case, patch: { priority: 'Urgent' } },
    'cases.delete': { id: ids.case },
    'comments.add': { parent, body: 'hello' },
    'comments.update': { id: ids.comment, body: 'edited' },
    'comments.delete': { id: ids.comment },
    'attachments.add': { parent, source_path: join(dir, 'seed.txt') },
    'attachments.pick': { parent },
    'attachments.delete': { id: ids.attachment },
    'attachments.open': { id: ids.attachment },
    'attachments.reveal': { id: ids.attachment },
    'search.query': { text: 'seed', limit: 5 },
    'recent.viewed': { type: 'account', id: ids.account },
    'tags.create': { name: 'fresh', color: 'red' },
    'import.preview': { kind: 'accounts', source_path: join(dir, 'seed.csv') },
    'import.run': { kind: 'accounts', source_path: join(dir, 'seed.csv'), mapping: ['name', 'email'], has_header: true, import_id: randomUUID() },
    'import.progress': { import_id: randomUUID() },
    'export.csv': { kind: 'contacts' },
    // Sync: a server address nothing listens on, so a valid call fails fast without the network.
    'sync.connectToken': { serverUrl: 'http://127.0.0.1:9', token: 'bcrm_pat_abcdefgh12' },
    'sync.requestCode': { serverUrl: 'http://127.0.0.1:9', email: 'a@example.test' },
    'sync.verifyCode': { serverUrl: 'http://127.0.0.1:9', email: 'a@example.test', code: '123456' },
    'sync.chooseOrg': { orgId: randomUUID() },
    'sync.retry': { seq: 1 },
    'sync.resolve': { id: 'x', keep: 'local' },
  }
  return bases[channel] ?? {}
}

function checkResult(channel: string, result: unknown) {
  expect(result, channel).toBeTypeOf('object')
  const r = result as { ok: unknown; value?: unknown; error?: { code: unknown; message: unknown } }
  expect(typeof r.ok, channel).toBe('boolean')
  if (r.ok) {
    // It must cross IPC: structured clone refuses functions, symbols and the like.
    expect(() => structuredClone(r.value), channel).not.toThrow()
  } else {
    expect(ERROR_CODES, channel).toContain(r.error?.code)
    expect(r.error?.code, `${channel} answered 'internal': ${internalErrors.at(-1)}`).not.toBe('internal')
    expect(typeof r.error?.message, channel).toBe('string')
  }
}

describe('every channel under hostile payloads', () => {
  it('answers each call with a typed result and changes nothing when it refuses', async () => {
    // Destructive channels delete the seed; the rest must keep finding it, so they run on their own copies later.
    const outcomes: Record<string, number> = {}
    const order = [...CHANNELS].sort((a, b) => Number(a.endsWith('.delete')) - Number(b.endsWith('.delete')))
    for (const channel of order) {
      await fc.assert(
        fc.asyncProperty(fc.oneof({ weight: 2, arbitrary: hostileValue }, { weight: 5, arbitrary: brokenPayload(validPayload(channel)) }, { weight: 1, arbitrary: fc.constant(validPayload(channel)) }), async (payload) => {
          const before = await contentHash()
          let result: unknown
          try {
            result = await call(channel, payload)
          } catch (error) {
            throw new Error(`${channel} threw past the IPC boundary`, { cause: error })
          }
          checkResult(channel, result)
          const accepted = (result as { ok: boolean }).ok
          outcomes[channel] = (outcomes[channel] ?? 0) + (accepted ? 1 : 0)
          if (!accepted) expect(await contentHash(), `${channel} refused but wrote`).toBe(before)
        }),
        { numRuns: RUNS_PER_CHANNEL },
      )
    }
    expect(internalErrors).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // The broken payloads stay near valid ones: most channels accept some, so handlers really ran.
    const accepting = CHANNELS.filter((c) => (outcomes[c] ?? 0) > 0)
    expect(accepting.length).toBeGreaterThan(CHANNELS.length / 2)
  }, Math.max(120_000, RUNS_PER_CHANNEL * 2_000))

  it('refuses unknown channel names without touching anything', async () => {
    const before = await contentHash()
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'accounts', 'accounts.', '.list', 'ACCOUNTS.LIST')), hostileValue, async (name, payload) => {
        const result = await call(name, payload)
        expect(result.ok).toBe(false)
        if (!result.ok) expect(result.error.code).toBe('invalid_input')
      }),
      { numRuns: 100 },
    )
    expect(await contentHash()).toBe(before)
  })
})
