import type { Statement } from 'better-sqlite3'
import type { ImportKind } from '../../shared/domain/import'
import type { HandlerInput } from '../../shared/ipc/contract'
import { notFound } from '../../shared/ipc/errors'
import { duplicateName as duplicateAccountName } from '../accounts/handlers'
import { duplicateName as duplicateCaseName } from '../cases/handlers'
import { statusRow } from '../cases/history'
import { duplicateEmail } from '../contacts/handlers'
import { textKey } from '../records/keys'
import { newAccountRow, newCaseRow, newContactRow, type NewRecord } from '../records/new-row'
import type { Services } from '../services'

// The records an import creates, written as the create handlers write them
// (the same row from records/new-row.ts, the same links, outbox entry and,
// for a case, its 'created' history row; the same refusals, with the same
// messages) but with prepared statements run straight on the import's
// transaction: the handler's per-row Kysely queries, savepoint and read-back
// of the record cost more than the writes themselves. Every check runs
// before the first write, so a refused row writes nothing and needs no
// savepoint of its own; an SQLite error fails the whole import.
// import-equivalence.test.ts checks the result against the handlers'.

type Input = Record<string, unknown>
type Row = Record<string, unknown>

const TABLE = { accounts: 'accounts', contacts: 'contacts', cases: 'cases' } as const
const ENTITY = { accounts: 'account', contacts: 'contact', cases: 'case' } as const
const LINKS = {
  accounts: { key: 'account_id', tag_ids: ['account_tags', 'tag_id'], assignee_ids: ['account_assignees', 'user_id'], team_ids: ['account_teams', 'team_id'] },
  contacts: { key: 'contact_id', tag_ids: ['contact_tags', 'tag_id'], assignee_ids: ['contact_assignees', 'user_id'], team_ids: ['contact_teams', 'team_id'] },
  cases: { key: 'case_id', tag_ids: ['case_tags', 'tag_id'], assignee_ids: ['case_assignees', 'user_id'], team_ids: ['case_teams', 'team_id'] },
} as const
const LINK_FIELDS = ['tag_ids', 'assignee_ids', 'team_ids'] as const

/** Whether this path writes everything `input` asks for (a case's contact_ids are the handler's: no CSV column fills them). */
export function createsDirectly(kind: ImportKind, input: Input): boolean {
  return kind !== 'cases' || input['contact_ids'] === undefined
}

export class RecordCreator {
  private readonly inserts = new Map<string, Statement>()
  private readonly statements = new Map<string, Statement>()

  /** `s`: the app's services; the statements run on its connection, inside the import's open transaction. */
  constructor(
    private readonly kind: ImportKind,
    private readonly s: Services,
  ) {}

  /** The connection's statement for `sql`, kept here for the import (the connection's cache reorders itself at every call). */
  private statement(sql: string): Statement {
    let statement = this.statements.get(sql)
    if (!statement) this.statements.set(sql, (statement = this.s.db.statement(sql)))
    return statement
  }

  /** Creates one record from a row's validated create input; throws the handler's AppError, having written nothing, where the handler refuses it. */
  create(input: Input): void {
    const r: NewRecord = { id: this.s.clock.newId(), now: this.s.clock.now(), meId: this.s.meId }
    this.check(input)
    const row = this.rowOf(input, r)
    this.insert(TABLE[this.kind], row)
    const links = LINKS[this.kind]
    for (const field of LINK_FIELDS) {
      const ids = input[field] as string[] | undefined
      if (!ids?.length) continue
      const [table, column] = links[field]
      const link = this.statement(`INSERT INTO ${table} (${links.key}, ${column}) VALUES (?, ?)`)
      for (const id of ids) link.run(r.id, id)
    }
    this.statement(
      `INSERT INTO outbox (entity, record_id, op, fields, remote_id, parent_entity, parent_remote_id, created_at) VALUES (?, ?, 'create', '[]', NULL, NULL, NULL, ?)`,
    ).run(ENTITY[this.kind], r.id, r.now)
    if (this.kind === 'cases') this.insert('case_history', statusRow(this.s, r.id, { before: null, after: input['status'] as string }, r.now))
  }

  /** The refusals of the create handler, in its order: the unique name or email, then the account. */
  private check(input: Input): void {
    if (this.kind === 'accounts') {
      const name = input['name'] as string
      if (this.found(`SELECT 1 FROM accounts WHERE name_key = ?`, textKey(name))) throw duplicateAccountName(name)
      return
    }
    if (this.kind === 'contacts') {
      const email = input['email'] as string | null | undefined
      if (email && this.found(`SELECT 1 FROM contacts WHERE email_key = ?`, textKey(email))) throw duplicateEmail(email)
    } else {
      const name = input['name'] as string
      if (this.found(`SELECT 1 FROM cases WHERE name_key = ?`, textKey(name))) throw duplicateCaseName(name)
    }
    const accountId = input['account_id'] as string | null | undefined
    if (accountId && !this.found(`SELECT 1 FROM accounts WHERE id = ?`, accountId)) throw notFound('The account')
  }

  private rowOf(input: Input, r: NewRecord): Row {
    if (this.kind === 'accounts') return newAccountRow(input as HandlerInput<'accounts.create'>, r)
    if (this.kind === 'contacts') return newContactRow(input as HandlerInput<'contacts.create'>, r)
    return newCaseRow(input as HandlerInput<'cases.create'>, r)
  }

  private found(sql: string, value: string): boolean {
    return this.statement(sql).get(value) !== undefined
  }

  /** Inserts `row` (undefined values left out, as Kysely leaves them); one statement per set of columns. */
  private insert(table: string, row: Row): void {
    const columns = Object.keys(row).filter((c) => row[c] !== undefined)
    const key = `${table}(${columns.join(',')})`
    let statement = this.inserts.get(key)
    if (!statement) {
      statement = this.s.db.statement(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      this.inserts.set(key, statement)
    }
    statement.run(columns.map((c) => row[c]))
  }
}
