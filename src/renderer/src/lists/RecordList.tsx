import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { dataChanged } from '../app/data-version'
import { useHidden } from '../app/deferred-delete'
import { formatCount } from '../app/format'
import { ErrorState } from '../ui/states'
import type { PagedRows } from './paged-rows'

// A virtualized, keyboard-driven table over a paged list. Only the rows in
// view (plus a few) exist in the DOM, so 100,000 rows scroll like 100.

export interface Column<T> {
  key: string
  label: string
  /** CSS grid track, e.g. "2fr" or "8rem". */
  width: string
  sort?: string
  render(row: T): ReactNode
}

interface Props<T extends { id: string }> {
  label: string
  columns: Column<T>[]
  rows: PagedRows<T>
  sort: string
  direction: 'asc' | 'desc'
  onSort(sort: string, direction: 'asc' | 'desc'): void
  onOpen(row: T): void
  rowTitle(row: T): string
  scrollTop: number
  onScroll(top: number): void
  empty: ReactNode
  filtered: boolean
  /** The query without the data version: when it changes, the list goes back to the top. */
  queryKey: string
}

const ROW_HEIGHT = 40

export function RecordList<T extends { id: string }>(props: Props<T>) {
  const { columns, rows, label } = props
  const scroller = useRef<HTMLDivElement>(null)
  const [active, setActive] = useState(0)
  const hidden = useHidden((s) => s.hidden)
  const count = rows.total ?? 0
  // The virtualizer re-renders this component itself; nothing here is memoized by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: props.scrollTop,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  useEffect(() => {
    if (count > 0) rows.ensure(first, last)
  })
  const template = columns.map((c) => c.width).join(' ')
  const onScroll = props.onScroll
  useEffect(() => {
    const el = scroller.current
    if (!el) return
    const save = () => onScroll(el.scrollTop)
    el.addEventListener('scroll', save, { passive: true })
    return () => el.removeEventListener('scroll', save)
  }, [onScroll])

  const queryKey = props.queryKey
  const firstKey = useRef(queryKey)
  useEffect(() => {
    if (firstKey.current === queryKey) return
    firstKey.current = queryKey
    setActive(0)
    virtualizer.scrollToOffset(0)
  }, [queryKey, virtualizer])

  const activeIndex = Math.min(active, Math.max(count - 1, 0))
  function onKeyDown(e: KeyboardEvent) {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1)
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity }
    const move = moves[e.key]
    if (move !== undefined) {
      e.preventDefault()
      const next = Math.max(0, Math.min(count - 1, activeIndex + move))
      setActive(next)
      virtualizer.scrollToIndex(next, { align: 'auto' })
    } else if (e.key === 'Enter') {
      const row = rows.rowAt(activeIndex)
      if (row) props.onOpen(row)
    }
  }

  // Retry reads the list again: a new data version restarts it from its first page.
  if (rows.error) return <ErrorState message={rows.error} onRetry={dataChanged} />
  return (
    <div className="grid" role="grid" aria-label={label} aria-rowcount={count + 1} aria-busy={rows.total === null}>
      <div className="grid-head" role="rowgroup">
        <div className="grid-row grid-header" role="row" aria-rowindex={1} ref={(el) => void (el && (el.style.gridTemplateColumns = template))}>
          {columns.map((c) => {
            const sorted = c.sort && props.sort === c.sort
            return (
              <div key={c.key} role="columnheader" aria-sort={sorted ? (props.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                {c.sort ? (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => props.onSort(c.sort!, sorted && props.direction === 'asc' ? 'desc' : 'asc')}
                  >
                    {c.label}
                    <span aria-hidden="true" className="sort-mark">{sorted ? (props.direction === 'asc' ? '▲' : '▼') : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </div>
            )
          })}
        </div>
      </div>
      {rows.total === 0 ? (
        <div className="grid-empty">{props.empty}</div>
      ) : (
        <div
          className="grid-body"
          role="rowgroup"
          ref={scroller}
          tabIndex={0}
          aria-label={`${label} rows${rows.total !== null ? `, ${formatCount(count)} in all` : ''}`}
          aria-activedescendant={rows.rowAt(activeIndex) ? `row-${activeIndex}` : undefined}
          onKeyDown={onKeyDown}
        >
          <div className="grid-canvas" ref={(el) => void (el && (el.style.height = `${virtualizer.getTotalSize()}px`))}>
            {items.map((item) => {
              const row = rows.rowAt(item.index)
              const isHidden = row ? hidden.has(row.id) : false
              return (
                <div
                  key={item.key}
                  id={`row-${item.index}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={item.index === activeIndex}
                  aria-label={row ? props.rowTitle(row) : 'Loading'}
                  className={`grid-row${item.index === activeIndex ? ' is-active' : ''}${isHidden ? ' is-deleted' : ''}${row ? '' : ' is-loading'}`}
                  ref={(el) => {
                    if (!el) return
                    el.style.transform = `translateY(${item.start}px)`
                    el.style.gridTemplateColumns = template
                  }}
                  onClick={() => {
                    setActive(item.index)
                    if (row && !isHidden) props.onOpen(row)
                  }}
                >
                  {columns.map((c) => (
                    <div role="gridcell" key={c.key} className="cell" onMouseEnter={showFullText}>
                      {row ? c.render(row) : <span className="skeleton" />}
                    </div>
                  ))}
                </div>
              )
            })}
          </div>
        </div>
      )}
      <div className="grid-foot" aria-live="polite">
        {rows.total === null ? 'Loading…' : `${formatCount(count)} ${count === 1 ? 'record' : 'records'}${props.filtered ? ' match' : ''}`}
      </div>
    </div>
  )
}

/** A cell cut off with an ellipsis shows its whole text as a tooltip. */
function showFullText(e: { currentTarget: HTMLElement }) {
  const el = e.currentTarget
  if (el.scrollWidth > el.clientWidth) el.title = el.textContent ?? ''
  else el.removeAttribute('title')
}
