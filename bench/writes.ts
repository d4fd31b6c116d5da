import type BetterSqlite3 from 'better-sqlite3'
import type { Channel, ChannelInput } from '../src/shared/ipc/contract'

// Writes as the user makes them: a new record (with its outbox entry) and a
// comment. The raw reference does the same statements in one better-sqlite3
// transaction: the duplicate check, the insert, the outbox row, the read-back.
// Both run on the same connection settings (WAL, synchronous=FULL), so both
// pay the same commit.

export interface WriteScenario {
  name: string
  channel: Channel
  payload(i: number): unknown
  raw(i: number): unknown
}

interface Context {
  sqlite: BetterSqlite3.Database
  meId: string
  caseIds: string[]
  /** Makes names unique across runs on a reused database. */
  runTag: string
  newId(): string
}

function input<C extends Channel>(_channel: C, value: ChannelInput<C>): ChannelInput<C> {
  return value
}

export function writeScenarios(c: Context): WriteScenario[] {
  const { sqlite } = c
  const now = () => new Date().toISOString()
  const outbox = sqlite.prepare(
    `INSERT INTO outbox (entity, record_id, op, fields, remote_id, parent_entity, parent_remote_id, created_at) VALUES (?, ?, 'create', '[]', NULL, NULL, NULL, ?)`,
  )

  const accountByKey = sqlite.prepare('SELECT id FROM accounts WHERE name_key = ?')
  const insertAccount = sqlite.prepare(
    `INSERT INTO accounts (name, email, industry, city, country, id, name_key, is_active, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  )
  const findAccount = sqlite.prepare('SELECT * FROM accounts WHERE id = ?')
  const createAccount = sqlite.transaction((name: string, email: string) => {
    const key = name.normalize('NFKC').toLowerCase()
    if (accountByKey.get(key)) throw new Error('duplicate')
    const id = c.newId()
    const at = now()
    insertAccount.run(name, email, 'SOFTWARE', 'Berlin', 'DE', id, key, c.meId, at, at)
    outbox.run('account', id, at)
    return findAccount.get(id)
  })

  const caseByKey = sqlite.prepare('SELECT id FROM cases WHERE name_key = ?')
  const insertCase = sqlite.prepare(
    `INSERT INTO cases (name, status, priority, description, id, name_key, is_active, created_by, created_at, updated_at) VALUES (?, 'New', 'High', ?, ?, ?, 1, ?, ?, ?)`,
  )
  const findCase = sqlite.prepare('SELECT * FROM cases WHERE id = ?')
  const createCase = sqlite.transaction((name: string) => {
    const key = name.normalize('NFKC').toLowerCase()
    if (caseByKey.get(key)) throw new Error('duplicate')
    const id = c.newId()
    const at = now()
    insertCase.run(name, 'The scanner does not start after the update.', id, key, c.meId, at, at)
    outbox.run('case', id, at)
    return findCase.get(id)
  })

  const caseExists = sqlite.prepare('SELECT id FROM cases WHERE id = ?')
  const insertComment = sqlite.prepare(
    `INSERT INTO comments (id, account_id, contact_id, case_id, body, is_internal, author_id, created_at, updated_at) VALUES (?, NULL, NULL, ?, ?, 0, ?, ?, ?)`,
  )
  const findComment = sqlite.prepare(
    'SELECT comments.*, users.name AS author_name, users.email AS author_email FROM comments LEFT JOIN users ON users.id = comments.author_id WHERE comments.id = ?',
  )
  const addComment = sqlite.transaction((caseId: string, body: string) => {
    if (!caseExists.get(caseId)) throw new Error('not found')
    const id = c.newId()
    const at = now()
    insertComment.run(id, caseId, body, c.meId, at, at)
    outbox.run('comment', id, at)
    return findComment.get(id)
  })

  const caseAt = (i: number) => c.caseIds[i % c.caseIds.length]!
  return [
    {
      name: 'accounts.create',
      channel: 'accounts.create',
      payload: (i) => input('accounts.create', { name: `Benchmark ${c.runTag} Account ${i}`, email: `bench${i}@example.com`, industry: 'SOFTWARE', city: 'Berlin', country: 'DE' }),
      raw: (i) => createAccount(`Benchmark ${c.runTag} Raw Account ${i}`, `raw${i}@example.com`),
    },
    {
      name: 'cases.create',
      channel: 'cases.create',
      payload: (i) => input('cases.create', { name: `Bench ${c.runTag} case ${i}`, status: 'New', priority: 'High', description: 'The scanner does not start after the update.' }),
      raw: (i) => createCase(`Bench ${c.runTag} raw case ${i}`),
    },
    {
      name: 'comments.add',
      channel: 'comments.add',
      payload: (i) => input('comments.add', { parent: { type: 'case', id: caseAt(i) }, body: `Called the customer back about the scanner (${i}).` }),
      raw: (i) => addComment(caseAt(i + 7), `Called the customer back about the scanner (raw ${i}).`),
    },
  ]
}
