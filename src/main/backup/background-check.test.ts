import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { constants, getPriority, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { CHILD_ENV, childForTests } from '../../../test/support/bundle-child'
import { breakAnIndex, corruptCopy } from '../../../test/support/damage'
import { ok, openTempApp } from '../../../test/support/temp-app'
import { openAppData } from '../app-data'
import { recordingDesktop } from '../desktop'
import { driverPath } from '../db/driver-path'
import { checkInBackground, integrityCheckScript } from './background-check'
import { openCheckedDatabase } from './integrity'
import { nodeForkLauncher, type LaunchedProcess, type ProcessLauncher } from './process-launcher'
import { startAppData } from './recovery'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-background-check-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A data folder with some accounts, closed cleanly; returns its database file. */
async function seedDataFolder(): Promise<string> {
  const app = await openTempApp({ dir })
  for (let i = 0; i < 40; i++) ok(await app.api.accounts.create({ name: `Account ${i}`, description: 'x'.repeat(2000) }))
  await app.close()
  return join(dir, 'crm.sqlite')
}

/** Gives every page (after the first) holding `text` an invalid b-tree page type: SQLite fails on reading it. */
async function breakPagesHolding(file: string, text: string): Promise<void> {
  const bytes = await readFile(file)
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16)
  let broken = 0
  for (let at = pageSize; at < bytes.length; at += pageSize) {
    if (!bytes.subarray(at, at + pageSize).includes(text)) continue
    bytes[at] = 0x55
    broken++
  }
  expect(broken).toBeGreaterThan(0)
  await writeFile(file, bytes)
}

// Every seeded file is larger than this, so each counts as "large" without writing 64 MB.
const LARGE = { fullCheckMaxBytes: 1024 }

describe('start-up check of a large database', () => {
  it('opens at once and reports a sound file as sound from the background', async () => {
    await seedDataFolder()
    const data = await openAppData({ dataDir: dir, desktop: recordingDesktop(), ...LARGE })
    try {
      expect(await data.backgroundCheck).toEqual({ status: 'sound' })
    } finally {
      await data.close()
    }
  })

  it('opens a file only the full check finds damaged, then reports the damage from the background', async () => {
    const file = await seedDataFolder()
    breakAnIndex(file)
    // Checked before use (the default for a file this small), the same file stops the start:
    expect(await startAppData({ dataDir: dir, desktop: recordingDesktop() })).toMatchObject({ kind: 'damaged', dbPath: file })

    // As a large file it opens without waiting for any check, and is usable ...
    const data = await openAppData({ dataDir: dir, desktop: recordingDesktop(), ...LARGE })
    try {
      const rows = await data.services.db.kysely.selectFrom('accounts').select('name').execute()
      expect(rows).toHaveLength(40)
      // ... while the worker's full check finds what is wrong.
      const result = await data.backgroundCheck
      expect(result.status).toBe('damaged')
      if (result.status === 'damaged') expect(result.problem).toMatch(/accounts_by_created/)
    } finally {
      await data.close()
    }
  })

  it('still refuses at open a file that is not a database, however large', async () => {
    await writeFile(join(dir, 'crm.sqlite'), 'PK\u0003\u0004 this is a zip, not a database'.repeat(500))
    const outcome = await startAppData({ dataDir: dir, desktop: recordingDesktop(), ...LARGE })
    expect(outcome.kind).toBe('damaged')
    if (outcome.kind === 'damaged') expect(outcome.problem).toMatch(/not a database/)
  })

  it('turns damage met while opening an unchecked file (a garbled schema) into the damaged outcome', async () => {
    const file = await seedDataFolder()
    await writeFile(file, await corruptCopy(file))
    const outcome = await startAppData({ dataDir: dir, desktop: recordingDesktop(), ...LARGE })
    expect(outcome).toMatchObject({ kind: 'damaged', dbPath: file, problem: expect.stringMatching(/malformed/) })
  })

  it('reports broken data pages, which the start does not read, from the background', async () => {
    const file = await seedDataFolder()
    await breakPagesHolding(file, 'x'.repeat(500))
    const data = await openAppData({ dataDir: dir, desktop: recordingDesktop(), ...LARGE })
    try {
      expect(await data.backgroundCheck).toMatchObject({ status: 'damaged', problem: expect.stringMatching(/page/i) })
    } finally {
      await data.close()
    }
  })

  it('marks a small file checked before use, and a large one as left to the background', async () => {
    const file = await seedDataFolder()
    const small = openCheckedDatabase(file)
    expect(small.check).toBe('done')
    await small.db.close()
    const large = openCheckedDatabase(file, LARGE)
    expect(large.check).toBe('deferred')
    await large.db.close()
  })
})

describe('checkInBackground', () => {
  it('says it could not check a file that is missing, rather than calling it sound or damaged', async () => {
    const result = await checkInBackground(join(dir, 'missing.sqlite')).result
    expect(result.status).toBe('not-checked')
  })

  it('ends at once when stopped, saying nothing is known, so quitting never waits for a check', async () => {
    const file = await seedDataFolder()
    const check = checkInBackground(file)
    check.stop()
    const result = await check.result
    expect(result.status).toBe('not-checked')
    // The same file, left to run, is sound: the stop is what made it unknown.
    expect((await checkInBackground(file).result).status).toBe('sound')
  })

  it("runs at the lowest priority, so the user's own work comes first", async () => {
    const file = await seedDataFolder()
    const check = checkInBackground(file)
    expect(check.pid).toBeGreaterThan(0)
    // Read while the child is still starting (Node takes tens of milliseconds to boot).
    expect(getPriority(check.pid)).toBe(constants.priority.PRIORITY_LOW)
    expect(getPriority()).not.toBe(constants.priority.PRIORITY_LOW)
    expect((await check.result).status).toBe('sound')
  })

  it('checks a database that the app has open and is writing to', async () => {
    const app = await openTempApp({ dir })
    try {
      ok(await app.api.accounts.create({ name: 'Acme' }))
      const check = checkInBackground(join(dir, 'crm.sqlite'))
      ok(await app.api.accounts.create({ name: 'Globex' }))
      expect(await check.result).toEqual({ status: 'sound' })
    } finally {
      await app.close()
    }
  })
})

/** True while a process with this id exists (Node reaps its own exited children). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * The Node launcher made to behave as Electron's utilityProcess does: no pid
 * until 'spawn'. Records what it started, and reads the child's priority right
 * after 'spawn' has been handled.
 */
function utilityLikeLauncher() {
  const seen = { modulePath: '', args: [] as readonly string[], pid: 0, priorityAfterSpawn: Number.NaN }
  const launcher: ProcessLauncher = {
    fork(modulePath, args) {
      Object.assign(seen, { modulePath, args })
      const inner = nodeForkLauncher.fork(modulePath, args)
      let spawned = false
      const spawnListeners: (() => void)[] = []
      inner.once('spawn', () => {
        spawned = true
        for (const listener of spawnListeners) listener()
        seen.pid = inner.pid!
        seen.priorityAfterSpawn = getPriority(inner.pid)
      })
      const child: LaunchedProcess = {
        get pid() {
          return spawned ? inner.pid : undefined
        },
        kill: () => inner.kill(),
        once(event: 'spawn' | 'message' | 'exit', listener: (...args: never[]) => void) {
          if (event === 'spawn') spawnListeners.push(listener as () => void)
          else inner.once(event as 'exit', listener as (code: number | null) => void)
          return child
        },
      }
      return child
    },
  }
  return { launcher, seen }
}

describe('checkInBackground, in its own process', () => {
  it('runs the check script in another process, with the driver the app loaded, and finds a damaged file', async () => {
    const file = await seedDataFolder()
    breakAnIndex(file)
    const { launcher, seen } = utilityLikeLauncher()
    const check = checkInBackground(file, { launcher })
    // Like a utility process, no pid before 'spawn'.
    expect(check.pid).toBeUndefined()
    const result = await check.result
    expect(result).toMatchObject({ status: 'damaged', problem: expect.stringMatching(/accounts_by_created/) })
    expect(seen.modulePath).toMatch(/integrity-check\.js$/)
    expect(seen.args).toEqual([driverPath(), file, '10'])
    expect(seen.pid).toBeGreaterThan(0)
    expect(seen.pid).not.toBe(process.pid)
    // The priority is lowered as soon as the pid is known, at 'spawn'.
    expect(seen.priorityAfterSpawn).toBe(constants.priority.PRIORITY_LOW)
    // Once it has answered, the child is ended.
    await until(() => !alive(seen.pid))
  })

  it('kills the child when stopped, however long its check would still take', async () => {
    const file = await seedDataFolder()
    // A check that never ends (as SQLite's on a huge file, which nothing interrupts).
    await writeFile(join(dir, 'endless.js'), 'setInterval(() => {}, 1000)\n')
    const check = checkInBackground(file, { script: join(dir, 'endless.js') })
    const pid = check.pid!
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(alive(pid)).toBe(true)
    check.stop()
    expect(await check.result).toEqual({ status: 'not-checked', reason: 'the check was stopped' })
    await until(() => !alive(pid), 2000)
  })

  it('says not-checked, never rejects, when the child cannot be started or dies without an answer', async () => {
    const file = await seedDataFolder()
    const refusing: ProcessLauncher = {
      fork() {
        throw new Error('no utility process before ready')
      },
    }
    expect(await checkInBackground(file, { launcher: refusing }).result).toEqual({ status: 'not-checked', reason: 'no utility process before ready' })
    await writeFile(join(dir, 'dies.js'), 'process.exit(3)\n')
    expect(await checkInBackground(file, { script: join(dir, 'dies.js') }).result).toEqual({
      status: 'not-checked',
      reason: 'the check stopped before it finished (exit code 3)',
    })
  })

  it('refuses to fork the Electron binary as Node (the runAsNode fuse is off in the app)', async () => {
    const file = await seedDataFolder()
    const versions = process.versions as Record<string, string | undefined>
    versions['electron'] = '41.7.1'
    try {
      expect(await checkInBackground(file).result).toMatchObject({ status: 'not-checked', reason: expect.stringMatching(/utilityProcess/) })
    } finally {
      delete versions['electron']
    }
  })
})

describe('checkInBackground in a program with nothing else to do', () => {
  const host = childForTests('test/support/background-check-host.ts', 'fieldcrm-check-host-')

  it('does not keep that program running until the check has answered', async () => {
    const file = await seedDataFolder()
    const { stdout } = await promisify(execFile)(process.execPath, [host.script, integrityCheckScript(), file], { env: CHILD_ENV, timeout: 20_000 })
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { pid?: number; result?: unknown })
    expect(lines[0]!.pid).toBeGreaterThan(0)
    // It ended before any answer came: neither the child nor its message channel held it.
    expect(lines).toHaveLength(1)
  })
})
