import { readFile, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useImportRig } from '../../../test/support/import-rig'
import { ok } from '../../../test/support/temp-app'
import { outboxRows } from '../../../test/unit/core/db-state'

// Re-importing one's own export: the rows carry the app's ids, so they update
// their records through the update handler (with outbox entries) instead of
// being refused as duplicates; new rows are created.

const rig = useImportRig('reimport')

describe('re-importing an export', () => {
  it('updates the records its ids name and creates the new rows; the preview counts both', async () => {
    const acme = ok(await rig.app.api.accounts.create({ name: 'Acme', city: 'Paris' }))
    const globex = ok(await rig.app.api.accounts.create({ name: 'Globex', city: 'Lyon' }))
    rig.app.desktop.csvSavePath = join(rig.dir, 'accounts.csv')
    ok(await rig.app.api.export.csv({ kind: 'accounts', flavour: 'plain' }))
    const exported = await readFile(join(rig.dir, 'accounts.csv'), 'utf8')
    expect(exported.split('\r\n')[0]).toMatch(/^\uFEFFid,name,.*,created_at,updated_at$/)
    // Edited in a spreadsheet: Acme moved, Globex renamed, a new account added at the end.
    const header = exported.replace('\uFEFF', '').split('\r\n')[0]!.split(',')
    const newRow = header.map((c) => ({ name: 'Initech', city: 'Austin', is_active: 'yes' })[c] ?? '').join(',')
    const edited = exported.replace(',Paris,', ',Marseille,').replace(',Globex,', ',Globex Corp,') + `${newRow}\r\n`
    await writeFile(join(rig.dir, 'accounts.csv'), edited)
    const path = rig.app.chose(join(rig.dir, 'accounts.csv'))
    const before = outboxRows(rig.app).length

    const p = ok(await rig.app.api.import.preview({ kind: 'accounts', source_path: path }))
    if (p.cancelled) throw new Error('cancelled')
    expect([p.errors, p.row_count, p.update_count]).toEqual([[], 3, 2])
    const r = ok(await rig.app.api.import.run({ kind: 'accounts', source_path: path, mapping: p.mapping, has_header: true, import_id: randomUUID() }))
    expect(r).toEqual({ imported: true, created: 1, updated: 2 })

    const stored = ok(await rig.app.api.accounts.list({ sort: 'name' })).items
    expect(stored.map((a) => [a.id === acme.id ? 'acme' : a.id === globex.id ? 'globex' : 'new', a.name, a.city])).toEqual([
      ['acme', 'Acme', 'Marseille'],
      ['globex', 'Globex Corp', 'Lyon'],
      ['new', 'Initech', 'Austin'],
    ])
    const added = outboxRows(rig.app).slice(before)
    expect(added.filter((o) => o.op === 'update').map((o) => o.record_id).sort()).toEqual([acme.id, globex.id].sort())
    expect(added.filter((o) => o.op === 'create')).toHaveLength(1)
  })

  it('an id that names no record here (another database\'s export) makes a new record; a malformed id is a row error', async () => {
    const file = join(rig.dir, 'c.csv')
    await writeFile(file, `id,name,city\r\n${randomUUID()},Acme,Paris\r\nnot-an-id,Globex,Lyon\r\n`)
    const p = ok(await rig.app.api.import.preview({ kind: 'accounts', source_path: rig.app.chose(file) }))
    if (p.cancelled) throw new Error('cancelled')
    expect([p.update_count, p.errors]).toEqual([0, [{ row: 3, field: 'id', message: 'Not an id this app wrote' }]])
    const r = ok(await rig.app.api.import.run({ kind: 'accounts', source_path: file, mapping: p.mapping, has_header: true, import_id: randomUUID(), skip_bad_rows: true }))
    expect(r).toMatchObject({ imported: true, created: 1, skipped: { rows: 1 } })
    expect(ok(await rig.app.api.accounts.list({})).items.map((a) => a.name)).toEqual(['Acme'])
  })
})
