import { readFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useImportRig } from '../../../test/support/import-rig'
import { ok, openTempApp } from '../../../test/support/temp-app'
import { insertUser, outboxRows } from '../../../test/unit/core/db-state'
import { splitList, tagNamesOf } from './links'

// Tags and assignees columns: tags found by slug or made (with their outbox
// entry), assignees found by email or name, unknown ones listed as row errors;
// the export writes both so a file imports back with them.

const rig = useImportRig('links')
const { csv } = rig

describe('list cells', () => {
  it('split on ; , | and drop blanks and repeats; tag names are normalised and checked', () => {
    expect(splitList(' VIP ; Partner,,| VIP ')).toEqual(['VIP', 'Partner'])
    expect(tagNamesOf('VIP; vip|Key\u200b account')).toEqual({ names: ['VIP', 'Key account'] })
    expect(tagNamesOf(`ok; ${'x'.repeat(51)}`)).toMatchObject({ error: expect.stringMatching(/^Tag "x+"/) })
  })
})

describe('importing tags and assignees', () => {
  it('links existing tags by slug, makes new ones, and assigns users by email or name', async () => {
    const ann = insertUser(rig.app, randomUUID(), 'Ann Seller', 'ann@example.com')
    const bob = insertUser(rig.app, randomUUID(), 'Bob Field', 'bob@example.com')
    const vip = ok(await rig.app.api.tags.create({ name: 'VIP Customer' }))
    const file = await csv('a.csv', 'Name,Tags,Owner\r\nAcme,"vip customer; Reseller",ANN@example.com\r\nGlobex,Reseller,bob field; ann seller\r\n')
    const preview = ok(await rig.app.api.import.preview({ kind: 'accounts', source_path: file }))
    expect(!preview.cancelled && [preview.mapping, preview.error_count]).toEqual([['name', 'tags', 'assignees'], 0])
    const r = ok(await rig.app.api.import.run({ kind: 'accounts', source_path: file, mapping: ['name', 'tags', 'assignees'], has_header: true, import_id: randomUUID() }))
    expect(r).toEqual({ imported: true, created: 2 })
    const accounts = ok(await rig.app.api.accounts.list({ sort: 'name' })).items
    const detail = await Promise.all(accounts.map(async (a) => ok(await rig.app.api.accounts.get({ id: a.id })).account))
    expect(detail.map((a) => [a.name, a.tags.map((t) => t.name), a.assignees.map((u) => u.id).sort()])).toEqual([
      ['Acme', ['Reseller', 'VIP Customer'], [ann]],
      ['Globex', ['Reseller'], [ann, bob].sort()],
    ])
    // One Reseller tag, made once with its outbox entry; VIP Customer reused.
    const tags = ok(await rig.app.api.lookups.get()).tags
    expect(tags.map((t) => t.name)).toEqual(['Reseller', 'VIP Customer'])
    expect(outboxRows(rig.app).filter((o) => o.entity === 'tag').map((o) => [o.record_id, o.op])).toEqual([[vip.id, 'create'], [tags[0]!.id, 'create']])
  })

  it('an assignee that names no user is a row error in the preview and the import, and nothing is written', async () => {
    const file = await csv('c.csv', 'First name,Last name,Tags,Assigned to\r\nAda,Lovelace,New tag,nobody@example.com\r\n')
    const preview = ok(await rig.app.api.import.preview({ kind: 'contacts', source_path: file }))
    expect(!preview.cancelled && preview.errors).toEqual([{ row: 2, field: 'assignees', message: 'No user with the email or name "nobody@example.com"' }])
    const r = ok(await rig.app.api.import.run({ kind: 'contacts', source_path: file, mapping: ['first_name', 'last_name', 'tags', 'assignees'], has_header: true, import_id: randomUUID() }))
    expect(r).toMatchObject({ imported: false, errors: [{ row: 2, field: 'assignees' }] })
    expect(ok(await rig.app.api.lookups.get()).tags).toEqual([])
    expect(outboxRows(rig.app)).toEqual([])
  })

  it('the export writes tags and assignees, and the file imports back with them', async () => {
    const ann = insertUser(rig.app, randomUUID(), 'Ann Seller', 'ann@example.com')
    const a = ok(await rig.app.api.tags.create({ name: 'Partner' }))
    const b = ok(await rig.app.api.tags.create({ name: 'VIP' }))
    ok(await rig.app.api.cases.create({ name: 'Printer jam', status: 'New', priority: 'High', tag_ids: [a.id, b.id], assignee_ids: [ann] }))
    rig.app.desktop.csvSavePath = join(rig.dir, 'cases.csv')
    ok(await rig.app.api.export.csv({ kind: 'cases', flavour: 'plain' }))
    const text = await readFile(join(rig.dir, 'cases.csv'), 'utf8')
    expect(text).toContain('tags,assignees')
    expect(text).toContain('Partner; VIP,ann@example.com')

    const other = await openTempApp()
    try {
      insertUser(other, randomUUID(), 'Ann Seller', 'ann@example.com')
      const path = other.chose(join(rig.dir, 'cases.csv'))
      const p = ok(await other.api.import.preview({ kind: 'cases', source_path: path }))
      if (p.cancelled) throw new Error('cancelled')
      ok(await other.api.import.run({ kind: 'cases', source_path: path, mapping: p.mapping, has_header: true, import_id: randomUUID() }))
      const imported = ok(await other.api.cases.list({})).items[0]!
      const detail = ok(await other.api.cases.get({ id: imported.id })).case
      expect([detail.tags.map((t) => t.name), detail.assignees.map((u) => u.email)]).toEqual([['Partner', 'VIP'], ['ann@example.com']])
    } finally {
      await other.close()
    }
  })
})
