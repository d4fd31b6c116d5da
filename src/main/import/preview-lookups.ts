import { sql } from 'kysely'
import type { ImportKind } from '../../shared/domain/import'
import { inJsonList, prepare } from '../db/prepared'
import type { Services } from '../services'
import { resolveAssignees } from './links'

// What the preview asks the database of a file's rows: the account each row
// names, whether a stored record has a row's unique value or its id, the
// users a row assigns. Asked for all rows at once (one query per kind of
// question over a JSON list of keys), not one awaited query per row, and the
// answers kept for the next preview, a mapping change later. They stay valid
// while the database is unchanged: nothing written on this connection
// (total_changes(), counting trigger writes too) nor committed by another
// (data_version); any write, whatever it touched, forgets them all.

type Kinded<T> = Record<ImportKind, T>

const ACCOUNT_IDS = prepare((db, v: { keys: string }) => db.selectFrom('accounts').select(['name_key as key', 'id']).where('name_key', 'in', inJsonList(v.keys)))
const TAKEN: Kinded<ReturnType<typeof prepareTaken>> = {
  accounts: prepareTaken('accounts', 'name_key'),
  contacts: prepareTaken('contacts', 'email_key'),
  cases: prepareTaken('cases', 'name_key'),
}
const STORED: Kinded<ReturnType<typeof prepareStored>> = { accounts: prepareStored('accounts'), contacts: prepareStored('contacts'), cases: prepareStored('cases') }

function prepareTaken(table: ImportKind, column: 'name_key' | 'email_key') {
  return prepare((db, v: { keys: string }) => db.selectFrom(table).select([`${column} as key`, 'id']).where(column, 'in', inJsonList(v.keys)))
}
function prepareStored(table: ImportKind) {
  return prepare((db, v: { ids: string }) => db.selectFrom(table).select('id').where('id', 'in', inJsonList(v.ids)))
}

/** Answers kept at most per question (a streamed file's batches add to them). */
const MAX_KEPT = 250_000

/** The database's state as far as a cache can tell: any write changes it. */
async function stampOf(s: Services): Promise<string> {
  const { rows } = await sql<{ changes: number; version: number }>`SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version`.execute(s.db.kysely)
  return `${rows[0]!.changes}:${rows[0]!.version}`
}

/** What one question (account by name key, say) answered: an id, or null for none. */
class Answers {
  private readonly known = new Map<string, string | null>()

  /** Adds `key` to `missing` unless it was asked already. */
  want(key: string, missing: Set<string>): void {
    if (!this.known.has(key)) missing.add(key)
  }

  /** Asks `query` (given the keys as a JSON list) for these keys; records its rows, and none for every other key. */
  async ask(keys: Set<string>, query: (keys: string) => Promise<readonly { key: string | null; id: string }[]>): Promise<void> {
    const found = await query(JSON.stringify([...keys]))
    for (const k of keys) this.known.set(k, null)
    // The first row per key, as a lookup by one key takes it.
    const seen = new Set<string>()
    for (const { key, id } of found) {
      if (key === null || seen.has(key)) continue
      seen.add(key)
      this.known.set(key, id)
    }
  }

  get size(): number {
    return this.known.size
  }

  get(key: string): string | null {
    const id = this.known.get(key)
    if (id === undefined) throw new Error(`Not looked up: ${key}`)
    return id
  }
}

/** What a row asks (row-check.ts's RowCheck). */
export interface Asking {
  account: { readonly key: string } | null
  unique: { readonly key: string } | null
  recordId: string | null
  assigneeRefs: readonly string[]
}

/** The answers to one batch of rows' questions (`PreviewLookups.ask`). */
export interface Answered {
  accountId(nameKey: string): string | null
  /** The id of the stored record holding this unique value (a key, as textKey makes it). */
  takenBy(key: string): string | null
  isStored(id: string): boolean
  /** The problems resolveAssignees finds with these references. */
  assigneeProblems(refs: readonly string[]): readonly string[]
}

export class PreviewLookups {
  private accounts = new Answers()
  private taken = kindedAnswers()
  private stored = kindedAnswers()
  private assignees = new Map<string, readonly string[]>()

  /** Asks the database what these rows need and was not asked yet, one query per question. */
  async ask(s: Services, kind: ImportKind, rows: readonly Asking[]): Promise<Answered> {
    // A streamed file too large to keep its rows starts again with none. Replaced, not cleared: a preview
    // running at the same time keeps reading the answers it was given.
    if ([this.accounts, ...Object.values(this.taken), ...Object.values(this.stored)].some((a) => a.size > MAX_KEPT) || this.assignees.size > MAX_KEPT) {
      this.accounts = new Answers()
      this.taken = kindedAnswers()
      this.stored = kindedAnswers()
      this.assignees = new Map()
    }
    const { accounts, assignees } = this
    const taken = this.taken[kind]
    const stored = this.stored[kind]
    const accountKeys = new Set<string>()
    const uniqueKeys = new Set<string>()
    const ids = new Set<string>()
    const refLists = new Map<string, readonly string[]>()
    for (const r of rows) {
      if (r.account) accounts.want(r.account.key, accountKeys)
      if (r.unique) taken.want(r.unique.key, uniqueKeys)
      if (r.recordId !== null) stored.want(r.recordId, ids)
      if (r.assigneeRefs.length) {
        const key = JSON.stringify(r.assigneeRefs)
        if (!assignees.has(key)) refLists.set(key, r.assigneeRefs)
      }
    }
    const db = s.db.kysely
    if (accountKeys.size) await accounts.ask(accountKeys, async (keys) => ACCOUNT_IDS.all(db, { keys }))
    if (uniqueKeys.size) await taken.ask(uniqueKeys, async (keys) => TAKEN[kind].all(db, { keys }))
    if (ids.size) await stored.ask(ids, async (keys) => (await STORED[kind].all(db, { ids: keys })).map((r) => ({ key: r.id, id: r.id })))
    for (const [key, refs] of refLists) assignees.set(key, (await resolveAssignees(db, refs)).problems)
    return {
      accountId: (nameKey) => accounts.get(nameKey),
      takenBy: (key) => taken.get(key),
      isStored: (id) => stored.get(id) !== null,
      assigneeProblems: (refs) => assignees.get(JSON.stringify(refs))!,
    }
  }
}

const kindedAnswers = (): Kinded<Answers> => ({ accounts: new Answers(), contacts: new Answers(), cases: new Answers() })

let kept: { connection: object; stamp: string; lookups: PreviewLookups } | null = null

/** The kept answers while the database is as it was when they were asked, otherwise none. */
export async function previewLookups(s: Services): Promise<PreviewLookups> {
  const stamp = await stampOf(s)
  if (kept && kept.connection === s.db.sqlite && kept.stamp === stamp) return kept.lookups
  kept = { connection: s.db.sqlite, stamp, lookups: new PreviewLookups() }
  return kept.lookups
}

/** Forgets every kept answer (tests). */
export function forgetLookups(): void {
  kept = null
}
