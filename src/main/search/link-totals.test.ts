import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { Migrator } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_PRIORITIES, CASE_STATUSES } from '../../shared/domain/choices'
import { accountListQuery } from '../../shared/domain/accounts'
import { caseListQuery } from '../../shared/domain/cases'
import { contactListQuery } from '../../shared/domain/contacts'
import { listAccounts } from '../accounts/queries'
import { listCases } from '../cases/queries'
import { listContacts } from '../contacts/queries'
import { openDatabase, type Db } from '../db/connection'
import { migrateToLatest } from '../db/migrate'
import { walkSortOrder } from './list-totals'
import { migrations } from '../../../migrations/index'

// link_totals (migrations/0006) must equal a real count after any sequence of
// writes, whoever makes them: records added, archived, re-prioritised and
// deleted (also by cascade from their account), links added, moved and
// removed, tags and users deleted (cascading to the links). Each run works in
// one transaction on a migrated database and is rolled back afterwards.

type Entity = 'account' | 'contact' | 'case'
const TABLE = { account: 'accounts', contact: 'contacts', case: 'cases' } as const
const KEY = { account: 'account_id', contact: 'contact_id', case: 'case_id' } as const
const LINK = { tag: { suffix: 'tags', target: 'tag_id', pool: 'tags' }, assignee: { suffix: 'assignees', target: 'user_id', pool: 'users' } } as const
type Kind = keyof typeof LINK
const POOL = 4

type Op =
  | { k: 'add'; e: Entity; active: boolean; status: number; priority: number; account: number }
  | { k: 'archive'; e: Entity; i: number; active: boolean }
  | { k: 'recase'; i: number; status: number; priority: number }
  | { k: 'drop'; e: Entity; i: number }
  | { k: 'link'; e: Entity; kind: Kind; i: number; t: number }
  | { k: 'unlink'; e: Entity; kind: Kind; i: number; t: number }
  | { k: 'move'; e: Entity; kind: Kind; i: number; from: number; to: number }
  | { k: 'replace'; e: Entity; kind: Kind; i: number; ts: number[] }
  | { k: 'dropTarget'; kind: Kind; t: number }
  | { k: 'addTarget'; kind: Kind; t: number }

const entity = fc.constantFrom<Entity>('account', 'contact', 'case')
const kind = fc.constantFrom<Kind>('tag', 'assignee')
const i = fc.nat(12)
const t = fc.nat(POOL - 1)
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ k: fc.constant('add' as const), e: entity, active: fc.boolean(), status: fc.nat(5), priority: fc.nat(3), account: i }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('archive' as const), e: entity, i, active: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('recase' as const), i, status: fc.nat(5), priority: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('drop' as const), e: entity, i }) },
  { weight: 10, arbitrary: fc.record({ k: fc.constant('link' as const), e: entity, kind, i, t }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('unlink' as const), e: entity, kind, i, t }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('move' as const), e: entity, kind, i, from: t, to: t }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('replace' as const), e: entity, kind, i, ts: fc.uniqueArray(t, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('dropTarget' as const), kind, t }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('addTarget' as const), kind, t }) },
)

const AT = '2026-01-01T00:00:00.000Z'
let dir: string
let db: Db
let made = 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-link-totals-'))
  db = openDatabase(join(dir, 'crm.sqlite'))
  await migrateToLatest(db)
})
afterAll(async () => {
  await db?.close()
  await rm(dir, { recursive: true, force: true })
})

const run = (sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).run(...params)
const all = <T>(sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).all(...params) as T[]
/** A valid UUID per tag or user of the pool (list filters take UUIDs only). */
const targetId = (k: Kind, n: number) => `0000000${k === 'tag' ? 1 : 2}-0000-4000-8000-00000000000${n}`

function addTarget(k: Kind, n: number) {
  if (k === 'tag') run(`INSERT OR IGNORE INTO tags (id, created_at, updated_at, name, slug) VALUES (?, ?, ?, ?, ?)`, targetId(k, n), AT, AT, `Tag ${n}`, `tag-${n}`)
  else run(`INSERT OR IGNORE INTO users (id, created_at, updated_at, email, name) VALUES (?, ?, ?, ?, ?)`, targetId(k, n), AT, AT, `u${n}@example.com`, `User ${n}`)
}

/** The n-th existing record (modulo), or undefined when there is none. */
function nth(e: Entity, n: number): string | undefined {
  const ids = all<{ id: string }>(`SELECT id FROM ${TABLE[e]} ORDER BY seq`)
  return ids.length ? ids[n % ids.length]!.id : undefined
}

function apply(o: Op): void {
  switch (o.k) {
    case 'add': {
      const id = `${o.e}-${++made}`
      const active = o.active ? 1 : 0
      if (o.e === 'account') run(`INSERT INTO accounts (id, created_at, updated_at, name, name_key, is_active) VALUES (?, ?, ?, ?, ?, ?)`, id, AT, AT, id, id, active)
      else if (o.e === 'contact')
        run(`INSERT INTO contacts (id, created_at, updated_at, first_name, last_name, name_key, account_id, is_active) VALUES (?, ?, ?, 'A', ?, ?, ?, ?)`, id, AT, AT, id, id, nth('account', o.account) ?? null, active)
      else
        run(
          `INSERT INTO cases (id, created_at, updated_at, name, name_key, status, priority, closed_on, account_id, is_active) VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-02', ?, ?)`,
          id, AT, AT, id, id, CASE_STATUSES[o.status], CASE_PRIORITIES[o.priority], nth('account', o.account) ?? null, active,
        )
      return
    }
    case 'archive': {
      const id = nth(o.e, o.i)
      if (id) run(`UPDATE ${TABLE[o.e]} SET is_active = ? WHERE id = ?`, o.active ? 1 : 0, id)
      return
    }
    case 'recase': {
      const id = nth('case', o.i)
      if (id) run(`UPDATE cases SET status = ?, priority = ? WHERE id = ?`, CASE_STATUSES[o.status], CASE_PRIORITIES[o.priority], id)
      return
    }
    case 'drop': {
      const id = nth(o.e, o.i)
      if (id) run(`DELETE FROM ${TABLE[o.e]} WHERE id = ?`, id) // accounts cascade to their cases
      return
    }
    case 'dropTarget':
      run(`DELETE FROM ${LINK[o.kind].pool} WHERE id = ?`, targetId(o.kind, o.t))
      return
    case 'addTarget':
      addTarget(o.kind, o.t)
      return
  }
  const id = nth(o.e, o.i)
  if (!id) return
  const table = `${o.e}_${LINK[o.kind].suffix}`
  const [key, target] = [KEY[o.e], LINK[o.kind].target]
  const exists = (n: number) => all(`SELECT 1 FROM ${LINK[o.kind].pool} WHERE id = ?`, targetId(o.kind, n)).length > 0
  const link = (n: number) => exists(n) && run(`INSERT OR IGNORE INTO ${table} (${key}, ${target}) VALUES (?, ?)`, id, targetId(o.kind, n))
  switch (o.k) {
    case 'link':
      link(o.t)
      return
    case 'unlink':
      run(`DELETE FROM ${table} WHERE ${key} = ? AND ${target} = ?`, id, targetId(o.kind, o.t))
      return
    case 'move':
      if (exists(o.to)) run(`UPDATE OR IGNORE ${table} SET ${target} = ? WHERE ${key} = ? AND ${target} = ?`, targetId(o.kind, o.to), id, targetId(o.kind, o.from))
      return
    case 'replace': // as setLinks does: remove all, insert the new set
      run(`DELETE FROM ${table} WHERE ${key} = ?`, id)
      for (const n of o.ts) link(n)
      return
  }
}

interface Row {
  entity: string
  link: string
  target_id: string
  is_active: number
  facet: string
  n: number
}

/** What link_totals must hold, counted from the rows themselves (zero counts may linger there). */
function expectedTotals(): Row[] {
  const parts: string[] = []
  for (const e of ['account', 'contact', 'case'] as const)
    for (const k of ['tag', 'assignee'] as const) {
      const facet = e === 'case' ? `p.status || '/' || p.priority` : `''`
      parts.push(`SELECT '${e}' AS entity, '${k}' AS link, l.${LINK[k].target} AS target_id, p.is_active, ${facet} AS facet, count(*) AS n
        FROM ${e}_${LINK[k].suffix} AS l JOIN ${TABLE[e]} AS p ON p.id = l.${KEY[e]} GROUP BY 3, 4, 5`)
    }
  return all<Row>(`SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY 1, 2, 3, 4, 5`)
}

const kept = () => all<Row>(`SELECT entity, link, target_id, is_active, facet, n FROM link_totals WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`)

const count = (sql: string, ...params: unknown[]) => (db.sqlite.prepare(sql).get(...params) as { n: number }).n
const stateSql = (state: 'active' | 'closed' | 'all', alias: string) => (state === 'all' ? '1' : `${alias}.is_active = ${state === 'active' ? 1 : 0}`)

/** The handlers' list totals (through link_totals) against a plain count for one tag / one assignee. */
async function expectListTotals(state: 'active' | 'closed' | 'all', tag: string, user: string, statuses: (typeof CASE_STATUSES)[number][]) {
  const k = db.kysely
  const inLink = (table: string, key: string, target: string, id: string) => `p.id IN (SELECT ${key} FROM ${table} WHERE ${target} = '${id}')`
  const s = stateSql(state, 'p')
  for (const [e, list, parse] of [
    ['account', listAccounts, (f: object) => accountListQuery.parse(f)],
    ['contact', listContacts, (f: object) => contactListQuery.parse(f)],
  ] as const) {
    // The default sort (name / last name, then seq); the page is read along it or from the links (walkSortOrder).
    const order = e === 'account' ? 'p.name_key, p.seq' : 'p.last_name, p.seq'
    for (const [filter, where] of [
      [{ tag_ids: [tag] }, inLink(`${e}_tags`, KEY[e], 'tag_id', tag)],
      [{ assignee_id: user }, inLink(`${e}_assignees`, KEY[e], 'user_id', user)],
    ] as const) {
      const page = await list(k, parse({ state, limit: 3, ...filter }) as never)
      expect(page.total, `${e} ${JSON.stringify(filter)} ${state}`).toBe(count(`SELECT count(*) AS n FROM ${TABLE[e]} AS p WHERE ${s} AND ${where}`))
      expect(page.items.map((r) => r.id)).toEqual(all<{ id: string }>(`SELECT id FROM ${TABLE[e]} AS p WHERE ${s} AND ${where} ORDER BY ${order} LIMIT 3`).map((r) => r.id))
    }
  }
  const caseTags = inLink('case_tags', 'case_id', 'tag_id', tag)
  const caseUsers = inLink('case_assignees', 'case_id', 'user_id', user)
  const open = `p.status IN ('New', 'Assigned', 'Pending')`
  const chosen = statuses.length ? `p.status IN (${statuses.map((x) => `'${x}'`).join(', ')})` : '0'
  // Checks the page too (default sort: created_at, all equal here, then seq).
  const cases = async (f: object) => {
    const page = await listCases(k, caseListQuery.parse({ state, limit: 3, ...f }))
    return { total: page.total, ids: page.items.map((r) => r.id) }
  }
  const cnt = (where: string) => ({
    total: count(`SELECT count(*) AS n FROM cases AS p WHERE ${s} AND ${where}`),
    ids: all<{ id: string }>(`SELECT id FROM cases AS p WHERE ${s} AND ${where} ORDER BY p.created_at, p.seq LIMIT 3`).map((r) => r.id),
  })
  expect(await cases({ tag_ids: [tag, tag] }), 'case tag').toEqual(cnt(caseTags))
  expect(await cases({ assignee_id: user }), 'case assignee').toEqual(cnt(caseUsers))
  expect(await cases({ assignee_id: user, open_only: true }), 'my open cases').toEqual(cnt(`${caseUsers} AND ${open}`))
  expect(await cases({ tag_ids: [tag], status: statuses }), 'case tag + statuses').toEqual(cnt(`${caseTags} AND ${chosen}`))
  expect(await cases({ assignee_id: user, status: statuses, priority: 'High' }), 'case assignee + statuses + priority').toEqual(
    cnt(`${caseUsers} AND ${chosen} AND p.priority = 'High'`),
  )
  // Two links at once are counted, not looked up: still exact.
  expect(await cases({ tag_ids: [tag], assignee_id: user }), 'case tag + assignee').toEqual(cnt(`${caseTags} AND ${caseUsers}`))
}

describe('link totals', () => {
  it('equal a real count after any sequence of writes, links and cascades', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 80 }),
        fc.constantFrom('active' as const, 'closed' as const, 'all' as const),
        t,
        t,
        fc.subarray([...CASE_STATUSES]),
        async (ops, state, tagN, userN, statuses) => {
          db.sqlite.exec('BEGIN')
          try {
            for (let n = 0; n < POOL; n++) for (const k of ['tag', 'assignee'] as const) addTarget(k, n)
            for (const o of ops) apply(o)
            expect(kept()).toEqual(expectedTotals())
            expect(all(`SELECT * FROM link_totals WHERE n < 0`)).toEqual([])
            await expectListTotals(state, targetId('tag', tagN), targetId('assignee', userN), statuses)
          } finally {
            db.sqlite.exec('ROLLBACK')
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('give the same page when it is read along the sort order (a tag or user on most records)', async () => {
    db.sqlite.exec('BEGIN')
    try {
      for (const k of ['tag', 'assignee'] as const) addTarget(k, 0)
      for (let n = 0; n < 10; n++)
        for (const e of ['account', 'contact', 'case'] as const) {
          apply({ k: 'add', e, active: n !== 3, status: n % 6, priority: n % 4, account: n })
          if (n % 5) apply({ k: 'link', e, kind: 'tag', i: n, t: 0 })
          if (n % 4) apply({ k: 'link', e, kind: 'assignee', i: n, t: 0 })
        }
      // 8 of 9 active records linked: the page of 3 is read along the sort order.
      expect(await walkSortOrder(db.kysely, 'case', { state: 'active', tag_ids: [targetId('tag', 0)], limit: 3, offset: 0 }, 7, true)).toBe(true)
      for (const state of ['active', 'closed', 'all'] as const) await expectListTotals(state, targetId('tag', 0), targetId('assignee', 0), ['New', 'Pending'])
    } finally {
      db.sqlite.exec('ROLLBACK')
    }
  })

  it('are backfilled from the rows already there when the migration runs', async () => {
    const appDb = db
    db = openDatabase(join(dir, 'before-0006.sqlite'))
    try {
      const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } })
      expect((await migrator.migrateTo('0005_comment_search')).error).toBeUndefined()
      for (let n = 0; n < POOL; n++) for (const k of ['tag', 'assignee'] as const) addTarget(k, n)
      fc.sample(op, { numRuns: 120, seed: 7 }).forEach(apply)
      const expected = expectedTotals()
      expect(expected.length).toBeGreaterThan(3)
      await migrateToLatest(db)
      expect(kept()).toEqual(expected)
    } finally {
      await db.close()
      db = appDb
    }
  })

  it('are what one-tag and one-assignee list totals read; other link filters are counted', async () => {
    db.sqlite.exec('BEGIN')
    try {
      for (const k of ['tag', 'assignee'] as const) addTarget(k, 0)
      const [tag, user] = [targetId('tag', 0), targetId('assignee', 0)]
      apply({ k: 'add', e: 'case', active: true, status: 0, priority: 0, account: 0 })
      apply({ k: 'link', e: 'case', kind: 'tag', i: 0, t: 0 })
      apply({ k: 'link', e: 'case', kind: 'assignee', i: 0, t: 0 })
      // Shift the kept counts: a total that moves with them was read from link_totals.
      run('UPDATE link_totals SET n = n + 100')
      const total = async (f: object) => (await listCases(db.kysely, caseListQuery.parse(f))).total
      expect(await total({ tag_ids: [tag] })).toBe(101)
      expect(await total({ assignee_id: user, open_only: true })).toBe(101)
      expect(await total({ tag_ids: [tag], assignee_id: user })).toBe(1)
      expect(await total({ tag_ids: [tag], name: 'case' })).toBe(1)
    } finally {
      db.sqlite.exec('ROLLBACK')
    }
  })
})
