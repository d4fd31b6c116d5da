import { symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { err, ok, openTempApp, type TempApp } from '../../test/support/temp-app'
import { DataFolderInUseError, lockDataFolder } from './data-folder-lock'

// The files the open app holds may not be attached, imported or restored from:
// reading crm.lock and closing it would drop this process's lock on the folder.

let app: TempApp
afterEach(async () => app?.close())

describe('the files the open data folder holds', () => {
  it('cannot be attached, so the folder stays locked', async () => {
    app = await openTempApp()
    const account = ok(await app.api.accounts.create({ name: 'Initech' }))
    const parent = { type: 'account' as const, id: account.id }
    const link = join(app.dir, '..', `lock-link-${Date.now()}`)
    await symlink(join(app.dir, 'crm.lock'), link)
    for (const path of [join(app.dir, 'crm.lock'), join(app.dir, 'crm.sqlite'), join(app.dir, 'crm.sqlite-wal'), link]) {
      app.data.services.grants.grant(path)
      expect(err(await app.api.attachments.add({ parent, source_path: path })).message).toContain('part of the data Field CRM is using')
    }
    // Still held: a second opener is refused.
    expect(() => lockDataFolder(app.dir)).toThrow(DataFolderInUseError)
  })

  it('cannot be imported as CSV', async () => {
    app = await openTempApp()
    // Named .csv, leading to the lock.
    const path = join(app.dir, '..', `lock-link-${Date.now()}.csv`)
    await symlink(join(app.dir, 'crm.lock'), path)
    app.data.services.grants.grant(path)
    expect(err(await app.api.import.preview({ kind: 'contacts', source_path: path })).message).toContain('part of the data Field CRM is using')
    expect(() => lockDataFolder(app.dir)).toThrow(DataFolderInUseError)
  })
})
