import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useImportRig } from '../../../test/support/import-rig'
import { ok } from '../../../test/support/temp-app'
import { rememberedMapping, rememberMapping } from './remembered-mapping'

// The mapping of the last import of a file with the same column titles is
// proposed again; only an import that went through is remembered.

const rig = useImportRig('remembered')
const { csv } = rig

describe('remembered import mapping', () => {
  it('a file with the same titles is previewed with the mapping the last import used', async () => {
    const first = await csv('march.csv', 'Kundenname,Stadt,Notiz\r\nAcme,Paris,x\r\n')
    const proposed = ok(await rig.app.api.import.preview({ kind: 'accounts', source_path: first }))
    expect([proposed.cancelled || proposed.mapping, !proposed.cancelled && proposed.mapping_remembered]).toEqual([[null, 'city', 'description'], false])
    const mapping = ['name', null, 'description']
    ok(await rig.app.api.import.run({ kind: 'accounts', source_path: first, mapping, has_header: true, import_id: randomUUID() }))

    // Next month's file: same titles (other case and spacing), other rows.
    const next = await csv('april.csv', ' kundenname ,STADT,Notiz\r\nGlobex,Lyon,y\r\n')
    const again = ok(await rig.app.api.import.preview({ kind: 'accounts', source_path: next }))
    expect(!again.cancelled && [again.mapping, again.mapping_remembered]).toEqual([mapping, true])
    // Another record type, or other titles, are not affected.
    const contacts = ok(await rig.app.api.import.preview({ kind: 'contacts', source_path: next }))
    expect(!contacts.cancelled && contacts.mapping_remembered).toBe(false)
    const other = await csv('other.csv', 'Kundenname,Stadt\r\nInitech,Bonn\r\n')
    expect(ok(await rig.app.api.import.preview({ kind: 'accounts', source_path: other }))).toMatchObject({ mapping_remembered: false })
  })

  it('an import that failed is not remembered', async () => {
    const file = await csv('bad.csv', 'Firm,Email\r\nAcme,not-an-email\r\n')
    const r = ok(await rig.app.api.import.run({ kind: 'accounts', source_path: file, mapping: ['name', 'email'], has_header: true, import_id: randomUUID() }))
    expect(r.imported).toBe(false)
    expect(await rememberedMapping(rig.app.data.services.db.kysely, 'accounts', ['Firm', 'Email'])).toBeUndefined()
  })

  it('a remembered mapping that no longer fits the record type or the columns is ignored', async () => {
    const db = rig.app.data.services.db.kysely
    const now = new Date().toISOString()
    await rememberMapping(db, 'cases', ['A', 'B'], ['name', 'first_name' as never], now)
    expect(await rememberedMapping(db, 'cases', ['A', 'B'])).toBeUndefined()
    await rememberMapping(db, 'cases', ['A', 'B'], ['name', 'name'], now)
    expect(await rememberedMapping(db, 'cases', ['A', 'B'])).toBeUndefined()
    await rememberMapping(db, 'cases', ['A', 'B', 'C'], ['name', null], now)
    expect(await rememberedMapping(db, 'cases', ['A', 'B', 'C'])).toBeUndefined()
    await rememberMapping(db, 'cases', ['A', 'B'], ['name', null], now)
    expect(await rememberedMapping(db, 'cases', ['a ', 'b'])).toEqual(['name', null])
  })
})
