import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import BetterSqlite3 from 'better-sqlite3'
import { Migrator } from 'kysely'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { migrations } from '../../../migrations/index'
import { CHILD_ENV, childForTests } from '../../../test/support/bundle-child'
import { ok, openTempApp } from '../../../test/support/temp-app'
import { openAppData } from '../app-data'
import { DataFolderInUseError, lockDataFolder } from '../data-folder-lock'
import { openDatabase } from '../db/connection'
import { migrateToLatest } from '../db/migrate'
import { NewerDatabaseError } from '../db/newer-database'
import { recordingDesktop } from '../desktop'
import { classifyStartFailure, type StartFailure } from './start-failure'
import { startFailureActionFor, startFailureDialog } from './start-failure-dialog'

const child = childForTests('test/unit/core/start-failure-child.ts', 'fieldcrm-start-failure-')

// Root may write into a read-only folder, so as root the open runs in a child as "nobody".
const RUNS_AS_ROOT = process.getuid?.() === 0
const NOBODY = 65534

let dir: string
beforeAll(async () => {
  if (RUNS_AS_ROOT) await chmod(child.work, 0o755) // the unprivileged child must read its bundle
})
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-start-failure-'))
  await chmod(dir, 0o755)
})
afterEach(async () => {
  await chmod(join(dir, 'data'), 0o755).catch(() => {})
  await rm(dir, { recursive: true, force: true })
})

const open = (dataDir: string) => openAppData({ dataDir, desktop: recordingDesktop() })
const failureOf = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error('expected the open to fail')
  },
  (error: unknown) => error,
)

interface ChildOutcome {
  opened: boolean
  code?: string
  failure?: StartFailure
}

/** Opens `dataDir` in a child process, as an unprivileged user when this test runs as root. */
async function openInChild(dataDir: string): Promise<ChildOutcome> {
  const asUser = RUNS_AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}
  const { stdout } = await promisify(execFile)(process.execPath, [child.script, dataDir], { env: CHILD_ENV, ...asUser })
  return JSON.parse(stdout.trim()) as ChildOutcome
}

describe('classifyStartFailure, with real failures', () => {
  it('a read-only data folder, new or already holding data, is "not writable"', async () => {
    const fresh = join(dir, 'data')
    await mkdir(fresh)
    await chmod(fresh, 0o555)
    const first = await openInChild(fresh)
    expect(first).toMatchObject({ opened: false, failure: { kind: 'not-writable', dataDir: fresh } })
    expect(first.code).toMatch(/^(SQLITE_CANTOPEN|SQLITE_READONLY|EACCES)/)

    await chmod(fresh, 0o755)
    const app = await openTempApp({ dir: fresh })
    ok(await app.api.accounts.create({ name: 'Kept' }))
    await app.close()
    await chmod(fresh, 0o555)
    expect(await openInChild(fresh)).toMatchObject({ opened: false, failure: { kind: 'not-writable', dataDir: fresh } })

    // The same folder made the user's opens: the refusals above were the permissions, nothing else.
    if (RUNS_AS_ROOT) await promisify(execFile)('chown', ['-R', `${NOBODY}:${NOBODY}`, fresh])
    await chmod(fresh, 0o755)
    expect(await openInChild(fresh)).toEqual({ opened: true })
  })

  it('a file where the data folder (or a folder above it) should be is "not writable"', async () => {
    const file = join(dir, 'data')
    await writeFile(file, 'not a folder')
    expect(classifyStartFailure(await failureOf(open(file)), file)).toMatchObject({ kind: 'not-writable', path: file })
    const below = join(file, 'Field CRM')
    expect(classifyStartFailure(await failureOf(open(below)), below)).toMatchObject({ kind: 'not-writable', dataDir: below })
  })

  it('a database written by a newer version is refused by name, and left byte for byte as it was', async () => {
    const dataDir = join(dir, 'data')
    const app = await openTempApp({ dir: dataDir })
    ok(await app.api.accounts.create({ name: 'Kept' }))
    await app.close()
    const dbPath = join(dataDir, 'crm.sqlite')
    const newer = new BetterSqlite3(dbPath)
    newer.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('0099_from_a_newer_version', new Date().toISOString())
    newer.close()
    const bytes = await readFile(dbPath)
    const dbFiles = async () => (await readdir(dataDir)).filter((name) => name.startsWith('crm.sqlite'))
    const filesBefore = await dbFiles()

    const error = await failureOf(open(dataDir))
    expect(error).toBeInstanceOf(NewerDatabaseError)
    expect((error as Error).message).toMatch(/newer version of Field CRM .*0099_from_a_newer_version.*Install the latest/)
    expect(classifyStartFailure(error, dataDir)).toEqual({
      kind: 'newer-version',
      dataDir,
      dbPath,
      unknownMigrations: ['0099_from_a_newer_version'],
    })
    expect((await readFile(dbPath)).equals(bytes)).toBe(true)
    expect(await dbFiles()).toEqual(filesBefore)
  })

  it('a disk that fills up during the migration is "disk full" (SQLITE_FULL, wrapped by the migration error)', async () => {
    const db = openDatabase(join(dir, 'crm.sqlite'))
    try {
      // A database of the first version: each later migration adds tables.
      const older = Object.fromEntries(Object.entries(migrations).slice(0, 1))
      await new Migrator({ db: db.kysely, provider: { getMigrations: async () => older } }).migrateToLatest()
      // No page may be added: the database file cannot grow, as on a full disk.
      const pages = db.sqlite.pragma('page_count', { simple: true }) as number
      db.sqlite.pragma(`max_page_count = ${pages}`)
      const error = await failureOf(migrateToLatest(db))
      expect((error as Error).message).toMatch(/^Database migration \S+ failed/)
      expect(classifyStartFailure(error, dir)).toMatchObject({ kind: 'disk-full', dataDir: dir, reason: expect.stringMatching(/full/) })
    } finally {
      await db.close()
    }
  })

  it.skipIf(!existsSync('/dev/full'))('a write to a full device (ENOSPC) is "disk full"', async () => {
    const error = await failureOf(writeFile('/dev/full', 'x'))
    expect(classifyStartFailure(error, dir)).toMatchObject({ kind: 'disk-full' })
  })

  it('a folder another opener holds is "in use"', async () => {
    const lock = lockDataFolder(dir)
    try {
      const error = await failureOf(open(dir))
      expect(error).toBeInstanceOf(DataFolderInUseError)
      expect(classifyStartFailure(error, dir)).toEqual({ kind: 'in-use', dataDir: dir })
    } finally {
      lock.release()
    }
  })

  it('anything else is "other", with what went wrong', () => {
    expect(classifyStartFailure(new Error('the preload is missing'), dir)).toEqual({ kind: 'other', dataDir: dir, reason: 'the preload is missing' })
    expect(classifyStartFailure('a thrown string', dir)).toMatchObject({ kind: 'other', reason: 'a thrown string' })
  })
})

describe('startFailureDialog', () => {
  const dataDir = '/home/kim/.config/Field CRM'
  const failures: StartFailure[] = [
    { kind: 'not-writable', dataDir, path: `${dataDir}/crm.lock`, reason: 'unable to open database file' },
    { kind: 'newer-version', dataDir, dbPath: `${dataDir}/crm.sqlite`, unknownMigrations: ['0011_future'] },
    { kind: 'disk-full', dataDir, reason: 'database or disk is full' },
    { kind: 'in-use', dataDir },
    { kind: 'other', dataDir, reason: 'boom' },
  ]

  it.each(failures)('$kind: names the folder, says what to do, and always has a way out', (failure) => {
    const dialog = startFailureDialog(failure)
    expect(dialog.options.buttons).toHaveLength(dialog.actions.length)
    expect(dialog.options.detail).toContain(failure.kind === 'newer-version' ? failure.dbPath : dataDir)
    expect(dialog.options.detail).toMatch(/choose Try again|Install the latest/i)
    expect(dialog.actions[dialog.options.cancelId]).toBe('quit')
    expect(dialog.options.buttons[dialog.actions.indexOf('quit')]).toBe('Quit')
    expect(startFailureActionFor(dialog, dialog.options.cancelId)).toBe('quit')
    expect(startFailureActionFor(dialog, 99)).toBe('quit')
    for (const [i, action] of dialog.actions.entries()) expect(startFailureActionFor(dialog, i)).toBe(action)
  })

  it('offers no "Try again" for a newer database (trying again cannot help), and names what it does not know', () => {
    const dialog = startFailureDialog(failures[1]!)
    expect(dialog.actions).toEqual(['quit', 'show-folder'])
    expect(dialog.options.detail).toMatch(/0011_future/)
    expect(dialog.options.detail).toMatch(/has not changed the file/)
    expect(dialog.showPath).toBe(`${dataDir}/crm.sqlite`)
  })

  it('shows the path that could not be written, and offers to try again', () => {
    const dialog = startFailureDialog(failures[0]!)
    expect(dialog.actions).toEqual(['retry', 'show-folder', 'quit'])
    expect(dialog.options.buttons).toEqual(['Try again', 'Show the data folder', 'Quit'])
    expect(dialog.showPath).toBe(`${dataDir}/crm.lock`)
  })

  it('says another Field CRM has the folder, and offers to try again once it is closed', () => {
    const dialog = startFailureDialog(failures[3]!)
    expect(dialog.options.message).toBe('Field CRM is already open')
    expect(dialog.actions).toEqual(['retry', 'quit'])
  })
})
