import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openTempApp, type TempApp } from '../../../test/support/temp-app'

// Random, often broken, CSV files: reading one never fails with anything but
// a typed error, and importing one is all or nothing.

let app: TempApp
beforeAll(async () => {
  app = await openTempApp()
})
afterAll(async () => {
  await app.close()
})

const tricky = fc.constantFrom('"', ',', ';', '\t', '\n', '\r\n', '\r', '\uFEFF', '=', '+', '-', '@', "'", 'é', '€', '\u0000', ' ', 'x', 'Acme', '""')
const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.array(tricky, { maxLength: 6 }).map((parts) => parts.join('')))
const quoted = (c: string) => `"${c.replace(/"/g, '""')}"`
const csvText = fc.tuple(
  fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
  fc.boolean(), // properly quoted, or raw (often malformed)
  fc.constantFrom('\n', '\r\n'),
).map(([rows, quote, eol]) => ['name,city,email', ...rows.map((r) => r.map((c) => (quote ? quoted(c) : c)).join(','))].join(eol))
const encoded = fc.tuple(csvText, fc.constantFrom('utf8', 'utf8-bom', 'utf16le-bom', 'latin1') as fc.Arbitrary<string>).map(([text, enc]) =>
  enc === 'utf8' ? Buffer.from(text) : enc === 'utf8-bom' ? Buffer.from('\uFEFF' + text) : enc === 'latin1' ? Buffer.from(text, 'latin1') : Buffer.from('\uFEFF' + text, 'utf16le'),
)

function counts() {
  const n = (t: string) => (app.data.services.db.sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n
  return { accounts: n('accounts'), outbox: n('outbox') }
}

it('answers every CSV with a preview or a typed error, and imports all rows or none', async () => {
  await fc.assert(
    fc.asyncProperty(encoded, async (bytes) => {
      const path = join(app.dir, `${randomUUID()}.csv`)
      await writeFile(path, bytes)
      const preview = await app.api.import.preview({ kind: 'accounts', source_path: path, mapping: ['name', 'city', 'email'], has_header: true })
      if (!preview.ok) {
        expect(['invalid_input', 'io']).toContain(preview.error.code)
        return
      }
      if (preview.value.cancelled) throw new Error('not asked to pick')
      const before = counts()
      const run = await app.api.import.run({ kind: 'accounts', source_path: path, mapping: ['name', 'city', 'email'], has_header: true, import_id: randomUUID() })
      if (!run.ok) {
        expect(run.error.code).toBe('invalid_input')
        expect(counts()).toEqual(before)
        return
      }
      if (run.value.imported) {
        expect(preview.value.error_count).toBe(0)
        expect(counts()).toEqual({ accounts: before.accounts + run.value.created, outbox: before.outbox + run.value.created })
        expect(run.value.created).toBe(preview.value.row_count)
      } else {
        expect(run.value.error_count).toBeGreaterThan(0)
        expect(counts()).toEqual(before)
      }
    }),
    { numRuns: 150 },
  )
}, 120_000)
