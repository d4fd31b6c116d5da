import { accountListQuery } from '../../shared/domain/accounts'
import { caseListQuery } from '../../shared/domain/cases'
import { CASE_PRIORITIES } from '../../shared/domain/choices'
import { contactListQuery } from '../../shared/domain/contacts'
import type { RecentChange } from '../../shared/domain/home'
import { listAccounts } from '../accounts/queries'
import { listCases } from '../cases/queries'
import { listContacts } from '../contacts/queries'
import { holdingConnection } from '../db/held-connection'
import type { HandlerMap } from '../ipc/handler'
import { recentRecords } from '../recent/queries'

// Home's cards in one answer: they were ten calls (each priority, each "recent"
// list, the user, their cases, what they viewed), each a round trip to this
// process, with the page waiting for the last. The same list queries as the
// Cases, Accounts and Contacts lists (bench: "my open cases", "newest updated").

const PRIORITIES = [...CASE_PRIORITIES].reverse()
const OPEN_BY_PRIORITY = PRIORITIES.map((priority) => caseListQuery.parse({ open_only: true, priority, sort: 'updated_at', direction: 'desc', limit: 4 }))
const CHANGED = {
  accounts: accountListQuery.parse({ sort: 'updated_at', direction: 'desc', limit: 6, state: 'all' }),
  contacts: contactListQuery.parse({ sort: 'updated_at', direction: 'desc', limit: 6, state: 'all' }),
  cases: caseListQuery.parse({ sort: 'updated_at', direction: 'desc', limit: 6, state: 'all' }),
}
/** How many changed records "Recent activity" shows. */
const RECENT_SHOWN = 10

export const homeHandlers: HandlerMap<'home'> = {
  async 'home.summary'(_input, { db, meId }) {
    return holdingConnection(db, async (reads) => {
      const byPriority = []
      for (const [i, query] of OPEN_BY_PRIORITY.entries()) {
        const { items, total } = await listCases(reads, query)
        byPriority.push({ priority: PRIORITIES[i]!, total, top: items })
      }
      const mine = await listCases(reads, caseListQuery.parse({ open_only: true, assignee_id: meId, direction: 'desc', limit: 6 }))
      const [accounts, contacts, cases] = [await listAccounts(reads, CHANGED.accounts), await listContacts(reads, CHANGED.contacts), await listCases(reads, CHANGED.cases)]
      const recent: RecentChange[] = [
        ...accounts.items.map((a) => ({ type: 'account' as const, id: a.id, title: a.name, at: a.updated_at })),
        ...contacts.items.map((c) => ({ type: 'contact' as const, id: c.id, title: `${c.first_name} ${c.last_name}`, at: c.updated_at })),
        ...cases.items.map((c) => ({ type: 'case' as const, id: c.id, title: c.name, at: c.updated_at })),
      ]
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, RECENT_SHOWN)
      return { byPriority, recent, mine: { total: mine.total, top: mine.items, meId }, viewed: await recentRecords(reads) }
    })
  },
}
