import type { CASE_SORTS } from '../../../shared/domain/cases'
import { CASE_PRIORITIES, CASE_STATUSES, CASE_TYPES, type CasePriority, type CaseStatus, type CaseType } from '../../../shared/domain/choices'
import type { CaseListItem } from '../../../shared/domain/records'
import { runCommand } from '../app/commands'
import { formatDate } from '../app/format'
import { useNav } from '../app/navigation'
import { useDebounced } from '../app/use-debounced'
import { AccountPicker, type AccountRef } from '../ui/AccountPicker'
import { Badge, TagChips } from '../ui/TagChips'
import { createListStore } from './list-state'
import { FilterSelect, ListEmptyState, ListToolbar, TagAndAssigneeFilters } from './ListToolbar'
import { useListRows } from './use-list-rows'
import { RecordList, type Column } from './RecordList'

export const useCaseList = createListStore({
  filters: { name: '', status: '', priority: '', type: '', tag: '', assignee: '', account: null as AccountRef | null },
  sort: 'created_at',
  direction: 'desc',
  state: 'active',
  scrollTop: 0,
})

const columns: Column<CaseListItem>[] = [
  { key: 'name', label: 'Case', width: 'minmax(12rem, 2fr)', sort: 'name', render: (c) => <span className="strong">{c.name}</span> },
  { key: 'status', label: 'Status', width: '7.5rem', sort: 'status', render: (c) => <Badge kind="status" value={c.status} /> },
  { key: 'priority', label: 'Priority', width: '7rem', sort: 'priority', render: (c) => <Badge kind="priority" value={c.priority} /> },
  { key: 'type', label: 'Type', width: '6.5rem', render: (c) => c.case_type ?? '' },
  { key: 'account', label: 'Account', width: 'minmax(8rem, 1fr)', render: (c) => c.account_name ?? '' },
  { key: 'created', label: 'Opened', width: '8rem', sort: 'created_at', render: (c) => formatDate(c.created_at) },
  { key: 'tags', label: 'Tags', width: 'minmax(6rem, 0.8fr)', render: (c) => <TagChips tags={c.tags} /> },
]

const OPEN = 'open'

export function CasesList() {
  const s = useCaseList()
  const name = useDebounced(s.filters.name, 150)
  const query = {
    name: name || undefined,
    open_only: s.filters.status === OPEN ? true : undefined,
    status: s.filters.status && s.filters.status !== OPEN ? [s.filters.status as CaseStatus] : undefined,
    priority: (s.filters.priority || undefined) as CasePriority | undefined,
    case_type: (s.filters.type || undefined) as CaseType | undefined,
    account_id: s.filters.account?.id,
    tag_ids: s.filters.tag ? [s.filters.tag] : undefined,
    assignee_id: s.filters.assignee || undefined,
    state: s.state,
    sort: s.sort as (typeof CASE_SORTS)[number],
    direction: s.direction,
  }
  const { rows, queryKey, filtered, onScroll } = useListRows(window.crm.cases.list, query, s)
  return (
    <section className="list-screen" aria-labelledby="list-title">
      <ListToolbar
        title="Cases"
        noun="case"
        list={s}
        filtered={filtered}
      >
        <FilterSelect label="Status" value={s.filters.status} onChange={(v) => s.setFilter('status', v)} options={[{ value: OPEN, label: 'Status: Open' }, ...CASE_STATUSES]} />
        <FilterSelect label="Priority" value={s.filters.priority} onChange={(v) => s.setFilter('priority', v)} options={CASE_PRIORITIES} />
        <FilterSelect label="Type" value={s.filters.type} onChange={(v) => s.setFilter('type', v)} options={CASE_TYPES} />
        <div className="filter-picker">
          <AccountPicker label="Account" value={s.filters.account} onChange={(v) => s.setFilter('account', v)} placeholder="Any account" />
        </div>
        <TagAndAssigneeFilters tag={s.filters.tag} assignee={s.filters.assignee} onChange={s.setFilter} />
      </ListToolbar>
      <RecordList
        label="Cases"
        columns={columns}
        rows={rows}
        sort={s.sort}
        direction={s.direction}
        onSort={(sort, direction) => s.patch({ sort, direction, scrollTop: 0 })}
        onOpen={(c) => useNav.getState().open('case', c.id)}
        rowTitle={(c) => c.name}
        scrollTop={s.scrollTop}
        onScroll={onScroll}
        filtered={filtered}
        queryKey={queryKey}
        empty={<ListEmptyState plural="cases" filtered={filtered} onReset={s.reset} blurb="Cases track questions, incidents and problems for your accounts." createLabel="Open the first case" onCreate={() => runCommand('case.new')} />}
      />
    </section>
  )
}
