import { useState, type ReactNode } from 'react'
import { shortcutLabel } from '../app/accelerator'
import { runCommand } from '../app/commands'
import { useLookups } from '../app/lookups'
import { EmptyState } from '../ui/states'
import type { RecordState } from './list-state'

/** What the toolbar reads and changes of a list's kept state (list-state.ts): its search text, its state, its filters. */
interface ToolbarList {
  filters: { name: string }
  state: RecordState
  setFilter(key: 'name', value: string): void
  patch(change: { state: RecordState; scrollTop: number }): void
  reset(): void
}

interface Props {
  title: string
  noun: 'account' | 'contact' | 'case'
  list: ToolbarList
  filtered: boolean
  /** What the search box looks in, when more than the name. */
  searchPlaceholder?: string
  /** The list's own filters, between the search box and "Clear filters". */
  children?: ReactNode
}

const STATES: [RecordState, string][] = [
  ['active', 'Active'],
  // is_active, not a case's status: "Closed" here read as Status = Closed and showed nothing.
  ['closed', 'Archived'],
  ['all', 'All'],
]

export function ListToolbar(p: Props) {
  const { list } = p
  // On a small window (or a large zoom) the filters fold behind this toggle, so the rows keep the screen.
  const [showFilters, setShowFilters] = useState(false)
  return (
    <header className="list-header">
      <div className="title-row">
        <h1 id="list-title">{p.title}</h1>
        <div className="segmented" role="radiogroup" aria-label="Show">
          {STATES.map(([value, label]) => (
            <button key={value} type="button" role="radio" aria-checked={list.state === value} onClick={() => list.patch({ state: value, scrollTop: 0 })}>
              {label}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => runCommand(`${p.noun}.new`)} title={shortcutLabel('CmdOrCtrl+N')}>
          New {p.noun}
        </button>
      </div>
      <div className={showFilters ? 'filter-row is-open' : 'filter-row'}>
        <input
          id="list-search"
          type="search"
          className="search"
          aria-label={`Search ${p.title.toLowerCase()}`}
          placeholder={`${p.searchPlaceholder ?? `Search ${p.title.toLowerCase()}…`}  (${shortcutLabel('CmdOrCtrl+F')})`}
          value={list.filters.name}
          onChange={(e) => list.setFilter('name', e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault()
              document.querySelector<HTMLElement>('.grid-body')?.focus()
            }
          }}
        />
        {p.children && (
          <button type="button" className={p.filtered ? 'filters-toggle is-set' : 'filters-toggle'} aria-expanded={showFilters} onClick={() => setShowFilters((v) => !v)}>
            {p.filtered ? 'Filters (on)' : 'Filters'}
          </button>
        )}
        {p.children}
        {p.filtered && (
          <button type="button" className="ghost" onClick={list.reset}>
            Clear filters
          </button>
        )}
      </div>
    </header>
  )
}

interface SelectProps {
  label: string
  value: string
  onChange(v: string): void
  options: readonly (string | { value: string; label: string })[]
  any?: string
}

export function FilterSelect({ label, value, onChange, options, any = 'Any' }: SelectProps) {
  return (
    <select aria-label={label} className={value ? 'filter is-set' : 'filter'} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">
        {label}: {any}
      </option>
      {options.map((o) => {
        const opt = typeof o === 'string' ? { value: o, label: o } : o
        return (
          <option key={opt.value} value={opt.value}>
            {opt.label}
          </option>
        )
      })}
    </select>
  )
}

/** The tag and assignee filters every list offers, from the lookups. */
export function TagAndAssigneeFilters(p: { tag: string; assignee: string; onChange(filter: 'tag' | 'assignee', value: string): void }) {
  const lookups = useLookups()
  return (
    <>
      <FilterSelect label="Tag" value={p.tag} onChange={(v) => p.onChange('tag', v)} options={(lookups?.tags ?? []).map((t) => ({ value: t.id, label: t.name }))} />
      <FilterSelect label="Assignee" value={p.assignee} onChange={(v) => p.onChange('assignee', v)} options={(lookups?.users ?? []).map((u) => ({ value: u.id, label: u.name }))} />
    </>
  )
}

/** What a list shows with no rows: a way out of the filters, or a first step. */
export function ListEmptyState(p: { plural: string; filtered: boolean; onReset(): void; blurb: string; createLabel: string; onCreate(): void }) {
  return p.filtered ? (
    <EmptyState title={`No ${p.plural} match these filters`}>
      <button type="button" onClick={p.onReset}>Clear filters</button>
    </EmptyState>
  ) : (
    <EmptyState title={`No ${p.plural} yet`}>
      <p>{p.blurb}</p>
      <button type="button" className="primary" onClick={p.onCreate}>{p.createLabel}</button>
    </EmptyState>
  )
}
