import { INDUSTRIES, type Industry } from '../../../shared/domain/choices'
import type { AccountListItem } from '../../../shared/domain/records'
import type { ACCOUNT_SORTS } from '../../../shared/domain/accounts'
import { useNav } from '../app/navigation'
import { runCommand } from '../app/commands'
import { useDebounced } from '../app/use-debounced'
import { TagChips } from '../ui/TagChips'
import { createListStore } from './list-state'
import { FilterSelect, ListEmptyState, ListToolbar, TagAndAssigneeFilters } from './ListToolbar'
import { useListRows } from './use-list-rows'
import { RecordList, type Column } from './RecordList'

export const useAccountList = createListStore({
  filters: { name: '', city: '', industry: '', tag: '', assignee: '' },
  sort: 'name',
  direction: 'asc',
  state: 'active',
  scrollTop: 0,
})

const columns: Column<AccountListItem>[] = [
  { key: 'name', label: 'Name', width: 'minmax(12rem, 2fr)', sort: 'name', render: (a) => <span className="strong">{a.name}</span> },
  { key: 'industry', label: 'Industry', width: 'minmax(8rem, 1fr)', sort: 'industry', render: (a) => a.industry ?? '' },
  { key: 'city', label: 'City', width: 'minmax(7rem, 1fr)', sort: 'city', render: (a) => a.city ?? '' },
  { key: 'contacts', label: 'Contacts', width: '6rem', render: (a) => <span className="num">{a.contact_count}</span> },
  { key: 'cases', label: 'Open cases', width: '7rem', render: (a) => <span className="num">{a.open_case_count}</span> },
  { key: 'tags', label: 'Tags', width: 'minmax(8rem, 1fr)', render: (a) => <TagChips tags={a.tags} /> },
]

export function AccountsList() {
  const s = useAccountList()
  const name = useDebounced(s.filters.name, 150)
  const city = useDebounced(s.filters.city, 200)
  const query = {
    name: name || undefined,
    city: city || undefined,
    industry: (s.filters.industry || undefined) as Industry | undefined,
    tag_ids: s.filters.tag ? [s.filters.tag] : undefined,
    assignee_id: s.filters.assignee || undefined,
    state: s.state,
    sort: s.sort as (typeof ACCOUNT_SORTS)[number],
    direction: s.direction,
  }
  const { rows, queryKey, filtered, onScroll } = useListRows(window.crm.accounts.list, query, s)
  return (
    <section className="list-screen" aria-labelledby="list-title">
      <ListToolbar
        title="Accounts"
        noun="account"
        list={s}
        filtered={filtered}
      >
        <input type="search" className="filter" aria-label="City" placeholder="City" value={s.filters.city} onChange={(e) => s.setFilter('city', e.target.value)} />
        <FilterSelect label="Industry" value={s.filters.industry} onChange={(v) => s.setFilter('industry', v)} options={INDUSTRIES} />
        <TagAndAssigneeFilters tag={s.filters.tag} assignee={s.filters.assignee} onChange={s.setFilter} />
      </ListToolbar>
      <RecordList
        label="Accounts"
        columns={columns}
        rows={rows}
        sort={s.sort}
        direction={s.direction}
        onSort={(sort, direction) => s.patch({ sort, direction, scrollTop: 0 })}
        onOpen={(a) => useNav.getState().open('account', a.id)}
        rowTitle={(a) => a.name}
        scrollTop={s.scrollTop}
        onScroll={onScroll}
        filtered={filtered}
        queryKey={queryKey}
        empty={<ListEmptyState plural="accounts" filtered={filtered} onReset={s.reset} blurb="Accounts are the companies you sell to and support." createLabel="Create the first account" onCreate={() => runCommand('account.new')} />}
      />
    </section>
  )
}
