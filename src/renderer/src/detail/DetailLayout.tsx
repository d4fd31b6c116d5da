import { useEffect, type ReactNode } from 'react'
import type { ParentType } from '../../../shared/domain/choices'
import { shortcutLabel } from '../app/accelerator'
import { runCommand } from '../app/commands'
import { useNav } from '../app/navigation'
import { useUi } from '../app/ui'
import { ErrorState, Loading } from '../ui/states'
import type { Loaded } from './use-record'

interface Props {
  type: ParentType
  id: string
  title: string
  subtitle?: ReactNode
  children: ReactNode
}

/** Header (Back, title, Edit, Delete) around a record's detail; tells the commands which record is shown. */
export function DetailLayout({ type, id, title, subtitle, children }: Props) {
  useEffect(() => {
    useUi.getState().set({ current: { type, id, title } })
    return () => {
      if (useUi.getState().current?.id === id) useUi.getState().set({ current: null })
    }
  }, [type, id, title])
  return (
    <article className="detail" aria-labelledby="detail-title">
      <header className="detail-header">
        <button type="button" className="ghost" onClick={() => useNav.getState().back()} title={shortcutLabel('Alt+Left')}>
          ← Back
        </button>
        <div className="detail-title">
          <h1 id="detail-title">{title}</h1>
          {subtitle && <div className="subtitle">{subtitle}</div>}
        </div>
        <span className="spacer" />
        <button type="button" onClick={() => runCommand('record.edit')} title={shortcutLabel('CmdOrCtrl+E')}>
          Edit
        </button>
        <button type="button" className="danger-outline" onClick={() => runCommand('record.delete')}>
          Delete
        </button>
      </header>
      <div className="detail-body">{children}</div>
    </article>
  )
}

export function DetailStatus<T>({ loaded, retry, what }: { loaded: Loaded<T>; retry(): void; what: string }) {
  if (loaded.status === 'loading') return <Loading label={`Loading ${what}…`} />
  if (loaded.status === 'error')
    return (
      <div className="detail">
        <header className="detail-header">
          <button type="button" className="ghost" onClick={() => useNav.getState().back()}>
            ← Back
          </button>
        </header>
        <ErrorState message={loaded.message} onRetry={loaded.code === 'not_found' ? undefined : retry} />
      </div>
    )
  return null
}

export function Fields({ items }: { items: [string, ReactNode][] }) {
  const shown = items.filter(([, v]) => v !== null && v !== undefined && v !== '')
  return (
    <dl className="fields">
      {shown.map(([label, value]) => (
        <div key={label} className="field-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

export function RelatedList<T extends { id: string }>(props: {
  title: string
  items: T[]
  label(item: T): string
  detail?(item: T): ReactNode
  onOpen(item: T): void
  onAdd?(): void
  addLabel?: string
  empty: string
}) {
  return (
    <section className="related" aria-label={props.title}>
      <div className="related-head">
        <h2 className="section-title">
          {props.title} <span className="count">{props.items.length}</span>
        </h2>
        {props.onAdd && (
          <button type="button" className="ghost small" onClick={props.onAdd}>
            {props.addLabel}
          </button>
        )}
      </div>
      {props.items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className="related-list">
          {props.items.map((item) => (
            <li key={item.id}>
              <button type="button" className="link-row" onClick={() => props.onOpen(item)}>
                <span className="strong">{props.label(item)}</span>
                {props.detail && <span className="muted">{props.detail(item)}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
