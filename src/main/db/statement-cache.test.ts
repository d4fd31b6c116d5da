import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { withStatementCache } from './statement-cache'

describe('withStatementCache', () => {
  it('prepares each SQL text once and hands back the same statement', () => {
    const sqlite = new BetterSqlite3(':memory:')
    const db = withStatementCache(sqlite)
    const first = db.prepare('select 1 as one')
    expect(db.prepare('select 1 as one')).toBe(first)
    expect(db.prepare('select 2 as two')).not.toBe(first)
    expect(db.cachedStatements).toBe(2)
    db.close()
    expect(sqlite.open).toBe(false)
  })

  it('drops the least recently used statement when full', () => {
    const db = withStatementCache(new BetterSqlite3(':memory:'), 2)
    const a = db.prepare('select 1')
    const b = db.prepare('select 2')
    expect(db.prepare('select 1')).toBe(a) // now 'select 2' is the oldest
    db.prepare('select 3')
    expect(db.cachedStatements).toBe(2)
    expect(db.prepare('select 1')).toBe(a)
    expect(db.prepare('select 2')).not.toBe(b)
    db.close()
  })

  it('keeps a cached statement working after the schema changes', () => {
    const sqlite = new BetterSqlite3(':memory:')
    const db = withStatementCache(sqlite)
    sqlite.exec('create table t (a)')
    sqlite.exec("insert into t values ('x')")
    expect(db.prepare('select * from t').all([])).toEqual([{ a: 'x' }])
    sqlite.exec('alter table t add column b')
    expect(db.prepare('select * from t').all([])).toEqual([{ a: 'x', b: null }])
    db.close()
  })
})
