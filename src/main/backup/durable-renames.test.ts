import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

// A backup or an export reported as saved must survive a power cut right
// after: its folder is synced after the rename that gives it its name. Each
// sync is recorded with whether the new name was already there, so a sync
// before the rename (or none) fails.

const synced = vi.hoisted(() => [] as Array<{ dir: string; entries: string[] }>)
vi.mock('../fs/sync-directory', async (original) => {
  const real = await original<{ syncDirectory(dir: string): Promise<void> }>()
  const { readdirSync } = await import('node:fs')
  return {
    syncDirectory: async (dir: string) => {
      synced.push({ dir, entries: readdirSync(dir) })
      await real.syncDirectory(dir)
    },
  }
})

let app: TempApp
let outside: string
beforeEach(async () => {
  app = await openTempApp()
  outside = await mkdtemp(join(tmpdir(), 'fieldcrm-durable-'))
  synced.length = 0
})
afterEach(async () => {
  await app.close()
  await rm(outside, { recursive: true, force: true })
})

const syncedWith = (dir: string, name: string) => synced.some((s) => s.dir === dir && s.entries.includes(name))

it('syncs the folder of a backup after renaming it into place', async () => {
  app.desktop.backupSavePath = join(outside, 'b.sqlite')
  ok(await app.api.data.backup())
  expect(syncedWith(outside, 'b.sqlite')).toBe(true)
})

it('syncs the folder of the copy a restore sets aside', async () => {
  ok(await app.api.accounts.create({ name: 'Acme' }))
  app.desktop.backupSavePath = join(outside, 'b.sqlite')
  ok(await app.api.data.backup())
  app.desktop.backupToOpen = join(outside, 'b.sqlite')
  const result = ok(await app.api.data.restore())
  if (result.status !== 'restored') throw new Error('cancelled')
  expect(syncedWith(dirname(result.previousDataCopy), result.previousDataCopy.slice(dirname(result.previousDataCopy).length + 1))).toBe(true)
})

it('syncs the parent folder of a data export after renaming it into place', async () => {
  app.desktop.exportFolder = outside
  const result = ok(await app.api.data.export({ format: 'json' }))
  if (result.status !== 'exported') throw new Error('cancelled')
  expect(existsSync(result.folder)).toBe(true)
  expect(syncedWith(outside, result.folder.slice(outside.length + 1))).toBe(true)
})

it('syncs the folder of a CSV export after renaming it into place', async () => {
  ok(await app.api.accounts.create({ name: 'Acme' }))
  app.desktop.csvSavePath = join(outside, 'accounts.csv')
  ok(await app.api.export.csv({ kind: 'accounts' }))
  expect(syncedWith(outside, 'accounts.csv')).toBe(true)
})
