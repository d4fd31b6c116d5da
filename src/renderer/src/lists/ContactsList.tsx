import type { CONTACT_SORTS } from '../../../shared/domain/contacts'
import type { ContactListItem } from '../../../shared/domain/records'
import { runCommand } from '../app/commands'
import { personName } from '../app/format'
import { useNav } from '../app/navigation'
import { useDebounced } from '../app/use-debounced'
import { AccountPicker, type AccountRef } from '../ui/AccountPicker'
import { TagChips } from '../ui/TagChips'
import { createListStore } from './list-state'
import { ListEmptyState, ListToolbar, TagAndAssigneeFilters } from './ListToolbar'
import { useListRows } from './use-list-rows'
import { RecordList, type Column } from './RecordList'

export const useContactList = createListStore({
  filters: { name: '', city: '', tag: '', assignee: '', account: null as AccountRef | null },
  sort: 'last_name',
  direction: 'asc',
  state: 'active',
  scrollTop: 0,
})

const columns: Column<ContactListItem>[] = [
  { key: 'name', label: 'Name', width: 'minmax(11rem, 1.5fr)', sort: 'last_name', render: (c) => <span className="strong">{personName(c)}</span> },
  { key: 'email', label: 'Email', width: 'minmax(12rem, 1.5fr)', sort: 'email', render: (c) => c.email ?? '' },
  { key: 'account', label: 'Account', width: 'minmax(9rem, 1fr)', render: (c) => c.account_name ?? '' },
  { key: 'title', label: 'Title', width: 'minmax(7rem, 1fr)', render: (c) => c.title ?? '' },
  { key: 'city', label: 'City', width: 'minmax(6rem, 0.8fr)', sort: 'city', render: (c) => c.city ?? '' },
  { key: 'tags', label: 'Tags', width: 'minmax(6rem, 0.8fr)', render: (c) => <TagChips tags={c.tags} /> },
]

export function ContactsList() {
  const s = useContactList()
  const name = useDebounced(s.filters.name, 150)
  const city = useDebounced(s.filters.city, 200)
  const query = {
    // The search box looks in the name, email, organization, title and account name.
    search: name || undefined,
    city: city || undefined,
    account_id: s.filters.account?.id,
    tag_ids: s.filters.tag ? [s.filters.tag] : undefined,
    assignee_id: s.filters.assignee || undefined,
    state: s.state,
    sort: s.sort as (typeof CONTACT_SORTS)[number],
    direction: s.direction,
  }
  const { rows, queryKey, filtered, onScroll } = useListRows(window.crm.contacts.list, query, s)
  return (
    <section className="list-screen" aria-labelledby="list-title">
      <ListToolbar
        title="Contacts"
        noun="contact"
        searchPlaceholder="Search name, email, organization, title…"
        list={s}
        filtered={filtered}
      >
        <div className="filter-picker">
          <AccountPicker label="Account" value={s.filters.account} onChange={(v) => s.setFilter('account', v)} placeholder="Any account" />
        </div>
        <input type="search" className="filter" aria-label="City" placeholder="City" value={s.filters.city} onChange={(e) => s.setFilter('city', e.target.value)} />
        <TagAndAssigneeFilters tag={s.filters.tag} assignee={s.filters.assignee} onChange={s.setFilter} />
      </ListToolbar>
      <RecordList
        label="Contacts"
        columns={columns}
        rows={rows}
        sort={s.sort}
        direction={s.direction}
        onSort={(sort, direction) => s.patch({ sort, direction, scrollTop: 0 })}
        onOpen={(c) => useNav.getState().open('contact', c.id)}
        rowTitle={(c) => personName(c)}
        scrollTop={s.scrollTop}
        onScroll={onScroll}
        filtered={filtered}
        queryKey={queryKey}
        empty={<ListEmptyState plural="contacts" filtered={filtered} onReset={s.reset} blurb="Contacts are the people at your accounts." createLabel="Add the first contact" onCreate={() => runCommand('contact.new')} />}
      />
    </section>
  )
}
