import { randomUUID } from 'node:crypto'
import { utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportPreview } from '../../shared/domain/import'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { forgetRows } from './parsed-rows-cache'

// A mapping change previews the same file again: its rows come from memory
// while the file is unchanged (size, modification time, inode), and from the
// file again once it changed or was imported.

let app: TempApp

beforeEach(async () => {
  forgetRows()
  app = await openTempApp()
})
afterEach(async () => {
  await app.close()
})

const shown = (p: ImportPreview) => {
  if (p.cancelled) throw new Error('preview was cancelled')
  return p
}
const names = (p: ImportPreview) => shown(p).sample.map((cells) => cells[0])

const ONE_TIME = new Date('2026-01-02T03:04:05Z')

/** Writes the file with a fixed modification time, so a same-size rewrite cannot be told from it. */
async function writeAt(path: string, text: string) {
  await writeFile(path, text)
  await utimes(path, ONE_TIME, ONE_TIME)
}

describe('the preview of an unchanged file', () => {
  it('reads its rows from memory at a mapping change, and from the file once it changed or was imported', async () => {
    const path = app.chose(join(app.dir, 'accounts.csv'))
    await writeAt(path, 'Name,City\nAlpha,Oslo\nBravo,Bergen\n')
    const first = shown(ok(await app.api.import.preview({ kind: 'accounts', source_path: path })))
    expect(names(first)).toEqual(['Alpha', 'Bravo'])

    // Same size, same modification time: the next preview (a mapping change) does not read the file.
    await writeAt(path, 'Name,City\nCharl,Oslo\nDelta,Bergen\n')
    const remapped = shown(ok(await app.api.import.preview({ kind: 'accounts', source_path: path, mapping: ['name', null], has_header: true })))
    expect(names(remapped)).toEqual(['Alpha', 'Bravo'])
    expect(remapped.mapping).toEqual(['name', null])

    // A real change (here a new size) is read.
    await writeAt(path, 'Name,City\nEcho,Oslo\n')
    expect(names(ok(await app.api.import.preview({ kind: 'accounts', source_path: path })))).toEqual(['Echo'])

    // After the import the rows are forgotten: the file is read again however it changed.
    const run = ok(await app.api.import.run({ kind: 'accounts', source_path: path, mapping: ['name', 'city'], has_header: true, import_id: randomUUID() }))
    expect(run).toMatchObject({ imported: true, created: 1 })
    await writeAt(path, 'Name,City\nFoxt,Oslo\n')
    expect(names(ok(await app.api.import.preview({ kind: 'accounts', source_path: path })))).toEqual(['Foxt'])
  })
})
