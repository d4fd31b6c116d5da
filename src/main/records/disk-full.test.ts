import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

// A full disk is not "something went wrong": the user is told the disk is
// full and that the change was not kept, and nothing half-made is left.

let app: TempApp
beforeEach(async () => {
  app = await openTempApp()
})
afterEach(async () => {
  await app.close()
})

it('says the disk is full and that nothing was saved when SQLite runs out of room', async () => {
  const sqlite = app.data.services.db.sqlite
  ok(await app.api.accounts.create({ name: 'Before' }))
  // The database may not grow past its current size: the next pages that need room fail as on a full disk.
  sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`)
  let failure
  for (let i = 0; i < 100 && !failure; i++) {
    const result = await app.dispatch('accounts.create', { name: `Big ${i}`, description: 'x'.repeat(5000) })
    if (!result.ok) failure = result.error
  }
  expect(failure).toEqual({ code: 'io', message: 'The disk is full, so nothing was saved. Free some space and try again.' })
  const names = sqlite.prepare('SELECT name FROM accounts').pluck().all() as string[]
  expect(sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(names.length) // no record without its outbox entry
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
})

it('says the disk is full when an attachment cannot be copied', async () => {
  const input = new PassThrough()
  const copy = app.data.services.files.importStream(input)
  input.destroy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))
  await expect(copy).rejects.toMatchObject({ code: 'io', message: 'The disk is full, so nothing was saved. Free some space and try again.' })
  expect(await app.data.services.files.listHashes()).toEqual([])
})
