import fc from 'fast-check'

// Payload generators for the hostile-input tests: values of every wrong kind,
// strings that try SQL, paths, markup and Unicode tricks, keys that try
// prototype pollution, and valid payloads with one part broken.

const sqlFragments = [
  "'; DROP TABLE accounts; --", '" OR 1=1 --', '%', '_', '\\', "x' UNION SELECT * FROM users --",
  'NULL', '0x00', "'; PRAGMA writable_schema=1; --", 'name_key', 'seq', '*', 'accounts MATCH "x"', 'a OR b NEAR c',
]
const pathFragments = [
  '../../../etc/passwd', '/etc/passwd', '..\\..\\windows\\system32', 'C:\\Windows\\win.ini', '/dev/zero', '/dev/null',
  '/proc/self/environ', 'file:///etc/passwd', '\\\\server\\share\\x.csv', '../x.csv', '/tmp', '.', '..', '~/.ssh/id_rsa',
  'a\u0000b.csv', '/nonexistent/x.csv', 'CON', 'aux.csv',
]
const markupAndUnicode = [
  '<script>alert(1)</script>', 'javascript:alert(1)', '=cmd|"/c calc"!A1', '+1+1', '@SUM(A1)', '\u202Egnp.exe',
  '\uFEFF', '\uD800', 'e\u0301', 'Ａ', '\r\n', '\t', ' ', '', 'null', 'undefined', 'true', '-1', 'NaN',
]
const notUuids = [
  '00000000-0000-0000-0000-000000000000x', 'not-a-uuid', '{00000000-0000-4000-8000-000000000001}',
  '00000000000040008000000000000001', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '',
]
const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']

/** A value nested `depth` levels deep, in arrays or objects. */
function nested(depth: number, asArray: boolean): unknown {
  let v: unknown = 'deep'
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v }
  return v
}

/** An object whose own key is one of the pollution keys (JSON.parse makes "__proto__" an own key). */
const polluting = fc
  .tuple(fc.constantFrom(...pollutionKeys), fc.constantFrom<unknown>({ polluted: true }, 'x', null, [1]))
  .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as Record<string, unknown>)

export const hostileString = fc.oneof(
  fc.constantFrom(...sqlFragments, ...pathFragments, ...markupAndUnicode, ...notUuids),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('x'.repeat(300), 'y'.repeat(70_000), '€'.repeat(1_000_001)),
  fc.uuid(),
)

export const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 1e300, -1e300, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity, 0.5, 2 ** 31, -(2 ** 63)),
  fc.integer(),
  fc.double(),
)

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom<unknown>(undefined, null, true, false, [], {}, new Date(0), 10n, Symbol('s')),
  fc.constantFrom(nested(60, false), nested(60, true), nested(5000, true), nested(5000, false)),
  polluting,
  fc.array(hostileString, { maxLength: 5 }),
  fc.array(fc.uuid(), { minLength: 1, maxLength: 3 }),
  fc.record({ type: fc.constantFrom('account', 'contact', 'case', 'user', '__proto__'), id: fc.oneof(fc.uuid(), hostileString) }),
  fc.constantFrom(Array.from({ length: 10_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)),
  fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 4 }),
)

/** A valid payload with one part broken: a field replaced, removed or added, or a nested object replaced. */
export function brokenPayload(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base)
  const replace = keys.length
    ? fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...base, [k]: v }))
    : fc.constant(base)
  const remove = keys.length
    ? fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== k)))
    : fc.constant(base)
  const extra = fc
    .tuple(fc.oneof(fc.constantFrom(
        ...pollutionKeys, 'id', 'seq', 'remote_id', 'created_by', 'is_me', 'version',
        'tag_ids', 'assignee_ids', 'team_ids', 'contact_ids', 'account_id', 'parent', 'mapping', 'kind', 'limit', 'offset',
      ), fc.string({ maxLength: 10 })), hostileValue)
    .map(([k, v]) => {
      // An own property even for "__proto__", as JSON.parse (and IPC's structured clone) would make it.
      const payload: Record<string, unknown> = { ...base }
      Object.defineProperty(payload, k, { value: v, enumerable: true, writable: true, configurable: true })
      return payload
    })
  return fc.oneof(replace, remove, extra)
}
