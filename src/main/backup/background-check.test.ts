import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { constants, getPriority, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { breakAnIndex, corruptCopy } from '../../../test/support/damage'
import { ok, openTempApp } from '../../../test/support/temp-app'
import { openAppData } from '../app-data'
import { recordingDesktop } from '../desktop'
import { checkInBackground } from './background-check'
import { openCheckedDatabase } from './integrity'
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
