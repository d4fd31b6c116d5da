import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { accountFields, accountListQuery } from '../../../src/shared/domain/accounts'
import { caseFields, caseListQuery } from '../../../src/shared/domain/cases'
import { contactFields, contactListQuery } from '../../../src/shared/domain/contacts'
import type { Channel } from '../../../src/shared/ipc/contract'
import { ok, openTempApp, type TempApp } from '../../support/temp-app'
import { rowCounts } from './db-state'

// Whatever the renderer sends, the IPC boundary answers a Result: never an
// exception, never 'internal', and a refused call writes nothing. Payloads
// are built from the real field names with values of any type, so they reach
// every field's validator (where a throwing check would otherwise escape).

let app: TempApp
let ids: { account: string; contact: string; case: string }
beforeAll(async () => {
  app = await openTempApp()
  ids = {
    account: ok(await app.api.accounts.create({ name: 'Acme' })).id,
    contact: ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'L' })).id,
    case: ok(await app.api.cases.create({ name: 'Pump', status: 'New', priority: 'Low' })).id,
  }
})
afterAll(async () => {
  await app.close()
})

const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', 'USA', 'QQ', 'de', 'x@y.z', 'http://a.b', '2026-02-30', 'Closed', '1.005', '\u0000', '../..'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
)

function fieldsOf(names: string[]) {
  return fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 6 })
}

const keys = (shape: object) => Object.keys(shape)

it('any payload gets a Result, never an internal error, and a refusal writes nothing', async () => {
  const payloads: [Channel, fc.Arbitrary<unknown>][] = [
    ['accounts.create', fieldsOf(keys(accountFields.shape))],
    ['contacts.create', fieldsOf(keys(contactFields.shape))],
    ['cases.create', fieldsOf(keys(caseFields.shape))],
    ['accounts.update', fieldsOf(keys(accountFields.shape)).map((patch) => ({ id: ids.account, patch }))],
    ['contacts.update', fieldsOf(keys(contactFields.shape)).map((patch) => ({ id: ids.contact, patch }))],
    ['cases.update', fieldsOf(keys(caseFields.shape)).map((patch) => ({ id: ids.case, patch }))],
    ['accounts.list', fieldsOf(keys(accountListQuery.shape))],
    ['contacts.list', fieldsOf(keys(contactListQuery.shape))],
    ['cases.list', fieldsOf(keys(caseListQuery.shape))],
    ['search.query', fieldsOf(['text', 'kinds', 'limit'])],
    ['comments.add', fieldsOf(['body', 'is_internal']).map((p) => ({ ...p, parent: { type: 'case', id: ids.case } }))],
    ['tags.create', fieldsOf(['name', 'color'])],
    ['attachments.add', fieldsOf(['source_path', 'file_name', 'parent'])],
    ['accounts.get', value.map((id) => ({ id }))],
    ['lookups.get', value],
  ]
  for (const [channel, payload] of payloads) {
    await fc.assert(
      fc.asyncProperty(payload, async (input) => {
        const before = rowCounts(app)
        const result = await app.dispatch(channel, input)
        if (result.ok) return
        expect(result.error.code, `${channel} ${JSON.stringify(input)}: ${result.error.message}`).not.toBe('internal')
        expect(rowCounts(app)).toEqual(before)
      }),
      { numRuns: 40 },
    )
  }
})
