import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { ImportPreview } from '../../shared/domain/import'
import { useImportRig } from '../../../test/support/import-rig'
import { ok } from '../../../test/support/temp-app'

// The preview keeps what it asked the database (accounts by name, stored
// unique values and ids) for the next mapping change; a write in between,
// on the app's connection or committed by another, must show in the next
// preview as it would in a preview from scratch.

const rig = useImportRig('preview-lookups')

const shown = (p: ImportPreview) => {
  if (p.cancelled) throw new Error('preview was cancelled')
  return p
}

const MAPPING = ['id', 'first_name', 'last_name', 'email', 'account'] as const
const WITHOUT_ID = [null, 'first_name', 'last_name', 'email', 'account'] as const

async function preview(path: string, mapping: readonly (string | null)[] = MAPPING) {
  return shown(ok(await rig.app.api.import.preview({ kind: 'contacts', source_path: path, mapping: [...mapping], has_header: true })))
}

describe('what the preview asked the database, at the next mapping change', () => {
  it('shows an account added and a contact created since the last preview', async () => {
    const path = await rig.csv('c.csv', 'Id,First name,Last name,Email,Account\r\n,Ada,Lovelace,ada@example.test,Later Ltd\r\n')
    expect((await preview(path)).errors).toEqual([{ row: 2, field: 'account', message: 'No account named "Later Ltd"' }])
    ok(await rig.app.api.accounts.create({ name: 'Later Ltd' }))
    expect((await preview(path, WITHOUT_ID)).errors).toEqual([])
    ok(await rig.app.api.contacts.create({ first_name: 'Ada', last_name: 'King', email: 'ADA@example.test' }))
    expect((await preview(path)).errors).toEqual([{ row: 2, field: 'email', message: 'A contact with the email ada@example.test already exists' }])
  })

  it('counts a row as new once the record its id names was deleted', async () => {
    const stored = ok(await rig.app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace' }))
    const path = await rig.csv('c.csv', `Id,First name,Last name,Email,Account\r\n${stored.id},Ada,Lovelace,,\r\n`)
    expect((await preview(path)).update_count).toBe(1)
    ok(await rig.app.api.contacts.delete({ id: stored.id }))
    expect((await preview(path)).update_count).toBe(0)
  })

  it('shows a change another connection committed to the database file', async () => {
    const stored = ok(await rig.app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace' }))
    const path = await rig.csv('c.csv', `Id,First name,Last name,Email,Account\r\n${stored.id},Ada,Lovelace,,\r\n`)
    expect((await preview(path)).update_count).toBe(1)
    const other = new Database(rig.app.data.services.db.sqlite.name)
    try {
      other.prepare('DELETE FROM contacts WHERE id = ?').run(stored.id)
    } finally {
      other.close()
    }
    expect((await preview(path, MAPPING)).update_count).toBe(0)
  })
})
