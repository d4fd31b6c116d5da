import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { err, ok, openTempApp, type TempApp } from '../../../test/support/temp-app'
import { normalizeName } from './fields'

// Text that cannot be stored faithfully is refused, names that look the same
// are the same name, and a refusal stays short whatever the payload.

let app: TempApp
beforeEach(async () => {
  app = await openTempApp()
})
afterEach(async () => {
  await app.close()
})

describe('text that cannot be stored', () => {
  it('refuses lone surrogates and NUL in names and texts, and keeps real pairs', async () => {
    for (const payload of [
      { name: 'Acme \uD800' },
      { name: '\uDC00Acme' },
      { name: 'Ac\u0000me' },
      { name: 'Acme', description: 'first line\u0000hidden' },
      { name: 'Acme', city: 'Z\uDFFFrich' },
    ]) {
      const e = err(await app.api.accounts.create(payload))
      expect(e.code, JSON.stringify(payload)).toBe('invalid_input')
      expect(e.message).toMatch(/cannot be stored/)
    }
    expect(err(await app.api.contacts.create({ first_name: 'Kim\u0000', last_name: 'Lee' })).code).toBe('invalid_input')
    expect(ok(await app.api.accounts.list({})).total).toBe(0)
    expect(ok(await app.api.accounts.create({ name: 'Acme 😀', description: '𝄞 music' })).name).toBe('Acme 😀')
  })
})

describe('names', () => {
  it('are one name when they differ only by invisible characters or Unicode form', async () => {
    ok(await app.api.accounts.create({ name: 'Acme' }))
    for (const twin of ['Acme\u200B', 'A\u00ADcme', 'Acme\u2060', 'Ac\u200Dme', '\uFEFFAcme', 'Ac\u200Cme']) {
      const e = err(await app.api.accounts.create({ name: twin }))
      expect(e.code, JSON.stringify(twin)).toBe('conflict')
    }
    ok(await app.api.accounts.create({ name: 'Caf\u00E9' }))
    expect(err(await app.api.accounts.create({ name: 'Cafe\u0301' })).code).toBe('conflict')
    const renamed = ok(await app.api.accounts.create({ name: 'Other' }))
    expect(err(await app.api.accounts.update({ id: renamed.id, patch: { name: 'Acme\u200B' } })).code).toBe('conflict')
    expect(ok(await app.api.tags.create({ name: 'V\u200BIP' })).name).toBe('VIP')
    expect(ok(await app.api.cases.create({ name: 'Broken\u2060', status: 'New', priority: 'Low' })).name).toBe('Broken')
  })

  it('keep the joiners that change how a name reads', () => {
    expect(normalizeName('\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645')).toBe('\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645') // Persian ZWNJ
    expect(normalizeName('Team \u{1F468}\u200D\u{1F469}\u200D\u{1F467}')).toBe('Team \u{1F468}\u200D\u{1F469}\u200D\u{1F467}') // one family emoji
    expect(normalizeName('Ac\u200Dme\u200C')).toBe('Acme')
    expect(normalizeName('e\u0301\u180E')).toBe('\u00E9')
  })
})

describe('a refusal', () => {
  it('stays short for a payload with 100,000 unknown keys', async () => {
    const payload: Record<string, unknown> = { name: 'Acme' }
    for (let i = 0; i < 100_000; i++) payload[`extra_key_number_${i}`] = i
    const result = await app.dispatch('accounts.create', payload)
    const e = err(result)
    expect(e.code).toBe('invalid_input')
    expect(e.message).toMatch(/Unknown fields: extra_key_number_0, .* and 99990 more$/)
    expect(JSON.stringify(result).length).toBeLessThan(2000)
  })

  it('stays short for thousands of bad fields and a key of a megabyte', async () => {
    const payload = { items: Array.from({ length: 5000 }, () => 'x'.repeat(1000)), ['k'.repeat(1_000_000)]: 1 }
    const result = await app.dispatch('tags.create', payload)
    expect(err(result).code).toBe('invalid_input')
    expect(JSON.stringify(result).length).toBeLessThan(4000)
  })
})

describe('CSV encodings', () => {
  it('refuses UTF-32 with either byte order, as the README says', async () => {
    const text = 'name\r\nAcme\r\n'
    const le = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...Array.from(text, (c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0)!); return b })])
    const be = Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), ...Array.from(text, (c) => { const b = Buffer.alloc(4); b.writeUInt32BE(c.codePointAt(0)!); return b })])
    for (const [name, bytes] of [['le.csv', le], ['be.csv', be]] as const) {
      await writeFile(join(app.dir, name), bytes)
      const e = err(await app.api.import.preview({ kind: 'accounts', source_path: app.chose(join(app.dir, name)) }))
      expect(e.message, name).toBe(`${name} is UTF-32 text, which Field CRM does not read; save it as "CSV UTF-8" and try again`)
    }
  })
})
