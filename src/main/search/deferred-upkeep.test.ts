import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTempApp, type TempApp } from '../../../test/support/temp-app'
import { textKey } from '../records/keys'
import { deferIndexUpkeep, fillsOf } from './deferred-upkeep'

// The bulk upkeep an import uses (migrations/0018): while deferred, the index
// triggers leave the new rows out; catchUp() must then leave every index
// exactly as the triggers would have, whatever happened to those rows meanwhile.

let deferred: TempApp
let perRow: TempApp

beforeEach(async () => {
  ;[deferred, perRow] = [await openTempApp(), await openTempApp()]
})
afterEach(async () => {
  await deferred.close()
  await perRow.close()
})

const INDEXES = ['search_index', 'accounts_grams', 'accounts_city_grams', 'contacts_city_grams', 'contact_search']

/** Each index's entries (term, record, column, position): the same however the index was written. */
function entriesOf(app: TempApp): Record<string, unknown[]> {
  const sqlite = app.data.services.db.sqlite
  const out: Record<string, unknown[]> = {}
  for (const index of INDEXES) {
    sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${index}_entries USING fts5vocab(main, ${index}, 'instance')`)
    out[index] = sqlite.prepare(`SELECT term, doc, col, offset FROM temp.${index}_entries ORDER BY doc, col, offset, term`).all()
  }
  return out
}

const now = '2026-02-03T04:05:06.000Z'

/** Accounts and contacts written, renamed and deleted with plain SQL (the triggers see every kind of write). */
function write(app: TempApp, from: number, to: number) {
  const sqlite = app.data.services.db.sqlite
  const account = sqlite.prepare('INSERT INTO accounts (id, created_at, updated_at, name, name_key, city, city_key) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const contact = sqlite.prepare(
    'INSERT INTO contacts (id, created_at, updated_at, first_name, last_name, name_key, email, email_key, organization, title, city, city_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  for (let i = from; i < to; i++) {
    const name = `Müller Bau ${i}`
    const city = ['Köln', 'São Paulo', null][i % 3] ?? null
    account.run(`a-${i}`, now, now, name, textKey(name), city, city && textKey(city))
    const email = i % 4 ? `zoë.${i}@example.com` : null
    contact.run(`c-${i}`, now, now, 'Zoë', `Dubois ${i}`, textKey(`Zoë Dubois ${i}`), email, email && textKey(email), i % 2 ? 'Acme' : null, 'Größter Käufer', city, city && textKey(city))
  }
}

function edit(app: TempApp, ids: number[]) {
  const sqlite = app.data.services.db.sqlite
  for (const i of ids) {
    sqlite.prepare('UPDATE accounts SET name = ?, name_key = ?, city = ? WHERE id = ?').run(`Renamed ${i}`, textKey(`Renamed ${i}`), 'Zürich', `a-${i}`)
    sqlite.prepare('UPDATE contacts SET email = ?, email_key = ?, title = ?, city = ? WHERE id = ?').run(`new.${i}@example.org`, `new.${i}@example.org`, 'CFO', 'Wien', `c-${i}`)
  }
}

function remove(app: TempApp, ids: number[]) {
  const sqlite = app.data.services.db.sqlite
  for (const i of ids) {
    sqlite.prepare('DELETE FROM accounts WHERE id = ?').run(`a-${i}`)
    sqlite.prepare('DELETE FROM contacts WHERE id = ?').run(`c-${i}`)
  }
}

describe('deferred index upkeep', () => {
  it('fills every index of each table, once per insert trigger', () => {
    const statement = deferred.data.services.db.statement
    expect(fillsOf(statement, 'accounts').map((f) => f.index)).toEqual(['accounts_city_grams', 'search_index', 'accounts_grams'])
    expect(fillsOf(statement, 'contacts').map((f) => f.index)).toEqual(['contact_search', 'contacts_city_grams', 'search_index'])
    expect(fillsOf(statement, 'cases').map((f) => f.index)).toEqual(['search_index', 'cases_grams'])
    // Every insert trigger that writes an index defers: none is left to run row by row during an import.
    // (An account's rename re-indexes its contacts: an import never renames an account it is adding, nor adds contacts and accounts at once.)
    const perRowIndexTriggers = deferred.data.services.db.sqlite
      .prepare(
        `SELECT t.name FROM sqlite_master AS t JOIN sqlite_master AS fts ON fts.type = 'table' AND fts.sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'
         WHERE t.type = 'trigger' AND t.tbl_name IN ('accounts', 'contacts', 'cases') AND t.sql LIKE '%INSERT INTO ' || fts.name || '%'
           AND t.sql NOT LIKE '%index_upkeep_deferred%' ORDER BY t.name`,
      )
      .pluck()
      .all()
    expect(perRowIndexTriggers).toEqual(['contact_search_account_rename'])
  })

  it('leaves the indexes as the triggers would, for rows added, edited and deleted while deferred, and older rows edited meanwhile', () => {
    for (const app of [deferred, perRow]) write(app, 0, 30)
    const sqlite = deferred.data.services.db.sqlite
    sqlite.exec('BEGIN')
    const contacts = deferIndexUpkeep(deferred.data.services.db.statement, 'contacts')
    const accounts = deferIndexUpkeep(deferred.data.services.db.statement, 'accounts')
    for (const app of [deferred, perRow]) {
      write(app, 30, 90)
      // Older rows (indexed by their triggers) and deferred ones, edited and deleted.
      edit(app, [3, 4, 40, 41, 42])
      remove(app, [5, 43, 44])
    }
    // Nothing of the new rows is in the indexes yet: deferred, not lost.
    expect(sqlite.prepare('SELECT count(*) FROM contact_search_docsize WHERE id > 30').pluck().get()).toBe(0)
    contacts.catchUp()
    accounts.catchUp()
    sqlite.exec('COMMIT')
    expect(sqlite.prepare('SELECT count(*) FROM index_upkeep_deferred').pluck().get()).toBe(0)
    // The fills' larger in-memory buffer is put back: everyday saves keep FTS5's default.
    for (const index of INDEXES) expect(sqlite.prepare(`SELECT v FROM ${index}_config WHERE k = 'hashsize'`).pluck().get() ?? 1024 * 1024, index).toBe(1024 * 1024)
    const entries = entriesOf(deferred)
    expect(entries['contact_search']!.length).toBeGreaterThan(1000)
    expect(entries).toEqual(entriesOf(perRow))
  })

  it('is undone with its transaction', () => {
    const sqlite = deferred.data.services.db.sqlite
    sqlite.exec('BEGIN')
    deferIndexUpkeep(deferred.data.services.db.statement, 'cases')
    sqlite.exec('ROLLBACK')
    expect(sqlite.prepare('SELECT count(*) FROM index_upkeep_deferred').pluck().get()).toBe(0)
    write(deferred, 0, 3)
    expect(sqlite.prepare('SELECT count(*) FROM contact_search_docsize').pluck().get()).toBe(3)
  })
})
