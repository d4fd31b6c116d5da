import type { ReactNode } from 'react'
import { shortcutLabel } from '../app/accelerator'
import type { RecordState } from './list-state'

interface Props {
  title: string
  noun: string
  search: string
  onSearch(text: string): void
  state: RecordState
  onState(state: RecordState): void
  onNew(): void
  onReset(): void
  filtered: boolean
  children?: ReactNode
}

const STATES: [RecordState, string][] = [
  ['active', 'Active'],
  ['closed', 'Closed'],
  ['all', 'All'],
]

export function ListToolbar(p: Props) {
  return (
    <header className="list-header">
      <div className="title-row">
        <h1 id="list-title">{p.title}</h1>
        <div className="segmented" role="radiogroup" aria-label="Show">
          {STATES.map(([value, label]) => (
            <button key={value} type="button" role="radio" aria-checked={p.state === value} onClick={() => p.onState(value)}>
              {label}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button type="button" className="primary" onClick={p.onNew} title={shortcutLabel('CmdOrCtrl+N')}>
          New {p.noun}
        </button>
      </div>
      <div className="filter-row">
        <input
          id="list-search"
          type="search"
          className="search"
          aria-label={`Search ${p.title.toLowerCase()}`}
          placeholder={`Search ${p.title.toLowerCase()}…  (${shortcutLabel('CmdOrCtrl+F')})`}
          value={p.search}
          onChange={(e) => p.onSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault()
              document.querySelector<HTMLElement>('.grid-body')?.focus()
            }
          }}
        />
        {p.children}
        {p.filtered && (
          <button type="button" className="ghost" onClick={p.onReset}>
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
