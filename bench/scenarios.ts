import type BetterSqlite3 from 'better-sqlite3'
import type { Channel, ChannelInput } from '../src/shared/ipc/contract'
import { Random } from './seed/random'

// What the benchmark asks of the app: the list, filter, detail and search
// calls a user makes all day, with payloads as the renderer sends them.

export interface ReadScenario {
  name: string
  channel: Channel
  /** Several payloads are used in turn (e.g. different records to open). */
  payloads: unknown[]
  /** 'page' has the 5 ms p95 target; 'search' the 10 ms one; 'detail' the 5 ms one too. */
  kind: 'page' | 'detail' | 'search' | 'lookup'
}

function payload<C extends Channel>(_channel: C, input: ChannelInput<C>): unknown {
  return input
}

interface Samples {
  accountIds: string[]
  contactIds: string[]
  caseIds: string[]
  busiestAccount: string
  tag: string
  user: string
}

/** Record ids to open and filter by, picked by the same seed on every run. */
export function sampleIds(sqlite: BetterSqlite3.Database, count = 40): Samples {
  const r = new Random(7)
  const pick = (table: string) => {
    const max = (sqlite.prepare(`SELECT max(seq) AS n FROM ${table}`).get() as { n: number }).n
    const stmt = sqlite.prepare(`SELECT id FROM ${table} WHERE seq >= ? ORDER BY seq LIMIT 1`)
    return Array.from({ length: count }, () => (stmt.get(r.int(1, max)) as { id: string }).id)
  }
  const one = (sql: string) => (sqlite.prepare(sql).get() as { id: string }).id
  return {
    accountIds: pick('accounts'),
    contactIds: pick('contacts'),
    caseIds: pick('cases'),
    busiestAccount: one(`SELECT account_id AS id FROM cases WHERE account_id IS NOT NULL GROUP BY account_id ORDER BY count(*) DESC LIMIT 1`),
    tag: one(`SELECT tag_id AS id FROM case_tags GROUP BY tag_id ORDER BY count(*) DESC LIMIT 1`),
    user: one(`SELECT user_id AS id FROM case_assignees GROUP BY user_id ORDER BY count(*) DESC LIMIT 1`),
  }
}

export function readScenarios(s: Samples): ReadScenario[] {
  const page = (name: string, channel: Channel, ...payloads: unknown[]): ReadScenario => ({ name, channel, payloads, kind: 'page' })
  return [
    page('accounts.list by name', 'accounts.list', payload('accounts.list', {})),
    page('accounts.list newest updated', 'accounts.list', payload('accounts.list', { sort: 'updated_at', direction: 'desc' })),
    page('accounts.list page 200', 'accounts.list', payload('accounts.list', { offset: 10_000 })),
    page('accounts.list industry', 'accounts.list', payload('accounts.list', { industry: 'SOFTWARE' }), payload('accounts.list', { industry: 'BANKING' })),
    page('accounts.list name contains', 'accounts.list', payload('accounts.list', { name: 'nordic' }), payload('accounts.list', { name: 'logist' }), payload('accounts.list', { name: 'Förde' })),
    page('accounts.list city contains', 'accounts.list', payload('accounts.list', { city: 'berlin' }), payload('accounts.list', { city: 'São' })),
    page('accounts.list tag', 'accounts.list', payload('accounts.list', { tag_ids: [s.tag] })),
    page('accounts.list assignee', 'accounts.list', payload('accounts.list', { assignee_id: s.user })),
    page('accounts.list all states', 'accounts.list', payload('accounts.list', { state: 'all' })),

    page('contacts.list by last name', 'contacts.list', payload('contacts.list', {})),
    page('contacts.list newest', 'contacts.list', payload('contacts.list', { sort: 'created_at', direction: 'desc' })),
    page('contacts.list of account', 'contacts.list', ...s.accountIds.slice(0, 10).map((account_id) => payload('contacts.list', { account_id }))),
    page('contacts.list name contains', 'contacts.list', payload('contacts.list', { name: 'müller' }), payload('contacts.list', { name: 'anna sch' })),
    page('contacts.list email contains', 'contacts.list', payload('contacts.list', { email: 'linda' })),
    page('contacts.list city contains', 'contacts.list', payload('contacts.list', { city: 'paris' })),
    // The search box: name, email, organization, title and account name; a common term (walked), a rarer one, a short one.
    page('contacts.list search', 'contacts.list', payload('contacts.list', { search: 'schmidt' }), payload('contacts.list', { search: 'logist' }), payload('contacts.list', { search: 'sö' })),
    page('contacts.list tag', 'contacts.list', payload('contacts.list', { tag_ids: [s.tag] })),

    page('cases.list default', 'cases.list', payload('cases.list', {})),
    page('cases.list newest', 'cases.list', payload('cases.list', { direction: 'desc' })),
    page('cases.list open', 'cases.list', payload('cases.list', { open_only: true, direction: 'desc' })),
    page('cases.list my open cases', 'cases.list', payload('cases.list', { open_only: true, assignee_id: s.user, direction: 'desc' })),
    page('cases.list by priority', 'cases.list', payload('cases.list', { sort: 'priority', direction: 'desc' })),
    page('cases.list status', 'cases.list', payload('cases.list', { status: ['Pending'] }), payload('cases.list', { status: ['Closed'] })),
    page('cases.list urgent', 'cases.list', payload('cases.list', { priority: 'Urgent', direction: 'desc' })),
    page('cases.list of account', 'cases.list', payload('cases.list', { account_id: s.busiestAccount, direction: 'desc' }), ...s.accountIds.slice(0, 5).map((account_id) => payload('cases.list', { account_id }))),
    page('cases.list name contains', 'cases.list', payload('cases.list', { name: 'scanner' }), payload('cases.list', { name: 'login fails' })),
    page('cases.list tag', 'cases.list', payload('cases.list', { tag_ids: [s.tag] })),

    { name: 'accounts.get', channel: 'accounts.get', payloads: [s.busiestAccount, ...s.accountIds].map((id) => ({ id })), kind: 'detail' },
    { name: 'contacts.get', channel: 'contacts.get', payloads: s.contactIds.map((id) => ({ id })), kind: 'detail' },
    { name: 'cases.get', channel: 'cases.get', payloads: s.caseIds.map((id) => ({ id })), kind: 'detail' },
    { name: 'lookups.get', channel: 'lookups.get', payloads: [{}], kind: 'lookup' },

    {
      name: 'search.query all kinds',
      channel: 'search.query',
      payloads: ['müller', 'anna schmidt', 'scanner', 'nordic logistics', 'berlin', 'RMA', 'firmware update', 'invoice', 'sch', 'quote friday'].map((text) => payload('search.query', { text })),
      kind: 'search',
    },
    {
      name: 'search.query accounts+contacts',
      channel: 'search.query',
      payloads: ['müller', 'alpen', 'garcía', 'sven'].map((text) => payload('search.query', { text, kinds: ['account', 'contact'] })),
      kind: 'search',
    },
  ]
}
