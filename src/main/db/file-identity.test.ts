import { copyFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { err, ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { watchDatabaseFile } from './file-identity'

// Saves into a database file someone deleted or replaced are lost at the next
// start; the app notices and says so instead of answering "saved".

let app: TempApp
beforeEach(async () => {
  app = await openTempApp()
  ok(await app.api.accounts.create({ name: 'Acme' }))
})
afterEach(async () => {
  await app.close()
})

const waitForCheck = () => new Promise((resolve) => setTimeout(resolve, 1200))

it('refuses every call, saying why, once the database file is deleted', async () => {
  await rm(app.data.dbPath)
  await waitForCheck()
  const e = err(await app.api.accounts.create({ name: 'Lost' }))
  expect(e.code).toBe('unavailable')
  expect(e.message).toMatch(/crm\.sqlite was deleted or moved while Field CRM was running, so nothing more can be saved/)
  expect(err(await app.api.accounts.list({})).code).toBe('unavailable')
})

it('refuses every call once the database file is replaced by another', async () => {
  await copyFile(app.data.dbPath, `${app.data.dbPath}.other`)
  await rename(`${app.data.dbPath}.other`, app.data.dbPath)
  expect(app.data.services.databaseFile?.check()).toMatch(/was replaced by another file/)
  expect(err(await app.api.accounts.update({ id: crypto.randomUUID(), patch: { city: 'x' } })).message).toMatch(/replaced by another file/)
})

it('keeps working while the file is the one it opened', async () => {
  await waitForCheck()
  ok(await app.api.accounts.create({ name: 'Kept' }))
})

describe('telling the app at once', () => {
  it('calls onProblem once when the timer finds the file replaced', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fieldcrm-identity-'))
    const path = join(dir, 'crm.sqlite')
    await writeFile(path, 'x')
    const told: string[] = []
    const watch = watchDatabaseFile(path, 10, (problem) => told.push(problem))
    try {
      await new Promise((r) => setTimeout(r, 40))
      expect(told).toEqual([])
      // Replaced as a sync client does: a new file renamed over it.
      await writeFile(`${path}.new`, 'another file')
      await rename(`${path}.new`, path)
      await expect.poll(() => told.length).toBe(1)
      await new Promise((r) => setTimeout(r, 40))
      expect(told).toHaveLength(1)
      expect(told[0]).toContain('replaced')
    } finally {
      watch.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
