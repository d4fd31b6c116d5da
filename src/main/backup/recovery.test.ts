import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { breakAnIndex, corruptCopy } from '../../../test/support/damage'
import { ok, openTempApp } from '../../../test/support/temp-app'
import { recordingDesktop } from '../desktop'
import { damagedDatabaseDialog, damagedWhileRunningDialog, recoverDamagedDatabase, recoveryChoiceFor, startAppData, type StartOutcome } from './recovery'

let dir: string
let outside: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-recovery-'))
  outside = await mkdtemp(join(tmpdir(), 'fieldcrm-user-files-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

const NOW = '2026-11-23T20:00:00.000Z'

/** A data folder with some accounts (enough pages for corruption to land in data), closed cleanly. */
async function seedDataFolder(names: string[], backupTo?: string): Promise<void> {
  const app = await openTempApp({ dir })
  try {
    for (const name of names) ok(await app.api.accounts.create({ name, description: 'x'.repeat(2000) }))
    if (backupTo) {
      app.desktop.backupSavePath = backupTo
      ok(await app.api.data.backup())
    }
  } finally {
    await app.close()
  }
}

async function start(): Promise<StartOutcome> {
  return startAppData({ dataDir: dir, desktop: recordingDesktop() })
}

async function accountNames(outcome: StartOutcome): Promise<string[]> {
  if (outcome.kind !== 'ready') throw new Error(`not ready: ${outcome.kind}`)
  const rows = await outcome.data.services.db.kysely.selectFrom('accounts').select('name').orderBy('name').execute()
  await outcome.data.close()
  return rows.map((r) => r.name)
}

const names = Array.from({ length: 40 }, (_, i) => `Account ${String(i).padStart(2, '0')}`)

describe('integrity check at start', () => {
  it('opens a sound data folder', async () => {
    await seedDataFolder(['Acme'])
    expect(await accountNames(await start())).toEqual(['Acme'])
  })

  it.each([
    ['garbage over the data pages', async (file: string) => writeFile(file, await corruptCopy(file))],
    ['a file that is not SQLite at all', (file: string) => writeFile(file, 'PK\u0003\u0004 this is a zip, not a database'.repeat(500))],
    ['a file cut short', async (file: string) => truncate(file, 4096 * 3 + 100)],
    ['an index that no longer matches its table', async (file: string) => breakAnIndex(file)],
  ])('reports %s as damaged, without touching it', async (_label, damage) => {
    await seedDataFolder(names)
    const file = join(dir, 'crm.sqlite')
    await damage(file)
    const before = await readFile(file)

    const outcome = await start()
    expect(outcome.kind).toBe('damaged')
    if (outcome.kind !== 'damaged') return
    expect(outcome.dbPath).toBe(file)
    expect(outcome.problem.length).toBeGreaterThan(0)
    expect(Buffer.compare(await readFile(file), before)).toBe(0)
  })

  it('starts fresh on request, keeping the damaged file aside', async () => {
    await seedDataFolder(names)
    const file = join(dir, 'crm.sqlite')
    await writeFile(file, await corruptCopy(file))
    const damagedBytes = await readFile(file)
    expect((await start()).kind).toBe('damaged')

    const aside = await recoverDamagedDatabase(dir, { kind: 'start-fresh' }, NOW)
    expect(aside).toBe(join(dir, 'damaged', '2026-11-23T20-00-00-000Z'))
    expect(Buffer.compare(await readFile(join(aside!, 'crm.sqlite')), damagedBytes)).toBe(0)
    expect(await accountNames(await start())).toEqual([])
  })

  it('restores from a backup on request, and refuses a bad backup leaving everything in place', async () => {
    const backup = join(outside, 'backup.sqlite')
    await seedDataFolder(['Acme', 'Globex'], backup)
    const file = join(dir, 'crm.sqlite')
    await writeFile(file, 'not a database any more'.repeat(300))

    const bogus = join(outside, 'bogus.sqlite')
    await writeFile(bogus, 'nope'.repeat(1000))
    await expect(recoverDamagedDatabase(dir, { kind: 'restore', backupPath: bogus }, NOW)).rejects.toThrow(/not a database/)
    expect(existsSync(join(dir, 'damaged'))).toBe(false)
    expect((await start()).kind).toBe('damaged')

    await recoverDamagedDatabase(dir, { kind: 'restore', backupPath: backup }, NOW)
    expect(await accountNames(await start())).toEqual(['Acme', 'Globex'])
    expect(await readdir(join(dir, 'damaged', '2026-11-23T20-00-00-000Z'))).toContain('crm.sqlite')
  })

  it('quitting changes nothing', async () => {
    await writeFile(join(dir, 'crm.sqlite'), 'x'.repeat(5000))
    expect(await recoverDamagedDatabase(dir, { kind: 'quit' }, NOW)).toBeNull()
    expect(existsSync(join(dir, 'damaged'))).toBe(false)
  })

  it('removes a staging copy an interrupted restore left behind', async () => {
    await seedDataFolder(['Acme'])
    const leftover = join(dir, 'crm.restore-0b5e6a3c-1f1e-4a57-9a8e-2d6f7f1b0c11.sqlite')
    await writeFile(leftover, 'partial')
    expect(await accountNames(await start())).toEqual(['Acme'])
    expect(existsSync(leftover)).toBe(false)
  })
})

describe('the damaged-database dialogs', () => {
  const FILE = '/data/crm.sqlite'
  it.each([
    ['at start', damagedDatabaseDialog({ dbPath: FILE, problem: 'database disk image is malformed' }), 'database disk image is malformed'],
    ['while running', damagedWhileRunningDialog({ dbPath: FILE, problem: 'wrong # of entries in index accounts_by_created' }), 'accounts_by_created'],
  ])('%s: names the file and the problem, and its buttons map to restore and start fresh', (_when, dialog, problem) => {
    expect(dialog.detail).toContain(FILE)
    expect(dialog.detail).toContain(problem)
    expect(dialog.buttons).toHaveLength(3)
    expect(recoveryChoiceFor(0, '/backups/b.sqlite')).toEqual({ kind: 'restore', backupPath: '/backups/b.sqlite' })
    expect(recoveryChoiceFor(1, null)).toEqual({ kind: 'start-fresh' })
  })

  it('at start: restore needs a backup, and the third button quits', () => {
    const dialog = damagedDatabaseDialog({ dbPath: FILE, problem: 'database disk image is malformed' })
    expect(recoveryChoiceFor(0, null)).toBeNull()
    expect(recoveryChoiceFor(dialog.cancelId, null)).toEqual({ kind: 'quit' })
  })

  it('while running: the third button is "not now"', () => {
    expect(damagedWhileRunningDialog({ dbPath: FILE, problem: 'x' }).cancelId).toBe(2)
  })
})
