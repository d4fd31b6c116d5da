import type { CONTACT_SORTS } from '../../../shared/domain/contacts'
import type { ContactListItem } from '../../../shared/domain/records'
import { runCommand } from '../app/commands'
import { personName } from '../app/format'
import { useLookups } from '../app/lookups'
import { useNav } from '../app/navigation'
import { useDebounced } from '../app/use-debounced'
import { AccountPicker, type AccountRef } from '../ui/AccountPicker'
import { EmptyState } from '../ui/states'
import { TagChips } from '../ui/TagChips'
import { createListStore } from './list-state'
import { FilterSelect, ListToolbar } from './ListToolbar'
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
  const lookups = useLookups()
  const name = useDebounced(s.filters.name, 150)
  const city = useDebounced(s.filters.city, 200)
  const query = {
    name: name || undefined,
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
        search={s.filters.name}
        onSearch={(v) => s.setFilter('name', v)}
        state={s.state}
        onState={(state) => s.patch({ state, scrollTop: 0 })}
        onNew={() => runCommand('contact.new')}
        onReset={s.reset}
        filtered={filtered}
      >
        <div className="filter-picker">
          <AccountPicker label="Account" value={s.filters.account} onChange={(v) => s.setFilter('account', v)} placeholder="Any account" />
        </div>
        <input type="search" className="filter" aria-label="City" placeholder="City" value={s.filters.city} onChange={(e) => s.setFilter('city', e.target.value)} />
        <FilterSelect label="Tag" value={s.filters.tag} onChange={(v) => s.setFilter('tag', v)} options={(lookups?.tags ?? []).map((t) => ({ value: t.id, label: t.name }))} />
        <FilterSelect label="Assignee" value={s.filters.assignee} onChange={(v) => s.setFilter('assignee', v)} options={(lookups?.users ?? []).map((u) => ({ value: u.id, label: u.name }))} />
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
        empty={
          filtered ? (
            <EmptyState title="No contacts match these filters">
              <button type="button" onClick={s.reset}>Clear filters</button>
            </EmptyState>
          ) : (
            <EmptyState title="No contacts yet">
              <p>Contacts are the people at your accounts.</p>
              <button type="button" className="primary" onClick={() => runCommand('contact.new')}>Add the first contact</button>
            </EmptyState>
          )
        }
      />
    </section>
  )
}
