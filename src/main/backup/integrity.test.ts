import { copyFile, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { breakAnIndex, corruptCopy } from '../../../test/support/damage'
import { ok, openTempApp } from '../../../test/support/temp-app'
import { checkDepthFor, DamagedDatabaseError, FULL_CHECK_MAX_BYTES, integrityProblem, openCheckedDatabase } from './integrity'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-integrity-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A closed, sound database file with a few accounts. */
async function soundDatabase(): Promise<string> {
  const app = await openTempApp({ dir: join(dir, 'data') })
  for (const name of ['Acme', 'Globex', 'Initech']) ok(await app.api.accounts.create({ name, description: 'd'.repeat(3000) }))
  await app.close()
  const file = join(dir, 'sound.sqlite')
  await copyFile(join(dir, 'data', 'crm.sqlite'), file)
  return file
}

describe('integrity check', () => {
  it('opens a sound file and refuses damaged ones with the reason', async () => {
    const file = await soundDatabase()
    const { db, check } = openCheckedDatabase(file)
    expect(check).toBe('done')
    await db.close()

    const garbage = join(dir, 'garbage.sqlite')
    await writeFile(garbage, await corruptCopy(file))
    expect(() => openCheckedDatabase(garbage)).toThrow(DamagedDatabaseError)

    const text = join(dir, 'text.sqlite')
    await writeFile(text, 'hello '.repeat(2000))
    expect(() => openCheckedDatabase(text)).toThrow(/not a database/)
  })

  it('finds an index that disagrees with its table only with the full check', async () => {
    const file = await soundDatabase()
    breakAnIndex(file)
    const raw = new BetterSqlite3(file, { readonly: true })
    try {
      expect(integrityProblem(raw, 'quick')).toBeNull()
      expect(integrityProblem(raw, 'full')).toMatch(/accounts_by_created/)
    } finally {
      raw.close()
    }
    expect(() => openCheckedDatabase(file)).toThrow(DamagedDatabaseError)
  })

  it('uses the full check up to the size limit and the quick check above it', async () => {
    const file = join(dir, 'big.sqlite')
    await writeFile(file, '')
    expect(checkDepthFor(file)).toBe('full')
    await truncate(file, FULL_CHECK_MAX_BYTES - 1000)
    await writeFile(file + '-wal', 'x'.repeat(2000))
    expect(checkDepthFor(file)).toBe('quick')
    expect(checkDepthFor(join(dir, 'missing.sqlite'))).toBe('full')
  })
})
