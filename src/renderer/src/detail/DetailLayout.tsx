import { useEffect, type ReactNode } from 'react'
import type { ParentType } from '../../../shared/domain/choices'
import type { TimelineEntry } from '../../../shared/domain/records'
import { shortcutLabel } from '../app/accelerator'
import { runCommand } from '../app/commands'
import { useHidden } from '../app/deferred-delete'
import { useNav } from '../app/navigation'
import { useUi } from '../app/ui'
import { ErrorState, Loading } from '../ui/states'
import { useFirstShown } from './first-shown'
import { Timeline } from './Timeline'
import type { Loaded } from './use-record'

interface Props {
  type: ParentType
  id: string
  title: string
  subtitle?: ReactNode
  /** The record's comments and attachments, shown as its timeline. */
  timeline: TimelineEntry[]
  /** Activity entries not loaded yet, and how to load them (an account sends its first 50). */
  timelineUnsent?: number
  onShowAllTimeline?(): void
  /** Label and value of each field in the Details card; empty values are left out. */
  fields: [string, ReactNode][]
  /** The related lists beside the timeline, under the Details card. */
  children: ReactNode
  /** Controls in the header before Edit (a case's quick status). */
  actions?: ReactNode
}

/**
 * A record's detail: the header (Back, title, Edit, Delete), its timeline,
 * its Details card and related lists. Tells the commands which record is shown.
 */
export function DetailLayout({ type, id, title, subtitle, timeline, timelineUnsent, onShowAllTimeline, fields, children, actions }: Props) {
  useEffect(() => {
    // For "Recently viewed" on Home; a failure there is no reason to disturb the user.
    void window.crm.recent.viewed({ type, id })
  }, [type, id])
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
        {actions}
        <button type="button" onClick={() => runCommand('email.compose')}>
          Email…
        </button>
        <button type="button" onClick={() => runCommand('record.edit')} title={shortcutLabel('CmdOrCtrl+E')}>
          Edit
        </button>
        <button type="button" className="danger-outline" onClick={() => runCommand('record.delete')}>
          Delete
        </button>
      </header>
      <div className="detail-body">
        <div className="detail-main">
          <Timeline parent={{ type, id }} entries={timeline} title={title} unsent={timelineUnsent} onShowAll={onShowAllTimeline} />
        </div>
        <aside className="detail-side">
          <section aria-label="Details" className="card">
            <h2 className="section-title">Details</h2>
            <Fields items={fields} />
          </section>
          {children}
        </aside>
      </div>
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

function Fields({ items }: { items: [string, ReactNode][] }) {
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

/** Names of the assignees or teams of a record, for a field. */
export const namesOf = (list: readonly { name: string }[]): string => list.map((x) => x.name).join(', ')

/** A multi-line text field, line breaks kept. */
export const longText = (text: string | null): ReactNode => text && <span className="pre">{text}</span>

export { emailLink, phoneLink, webLink } from './link-text'

/** The record's account, as a link that opens it. */
export function AccountLink({ account }: { account: { id: string; name: string } | null }) {
  if (!account) return null
  return (
    <button type="button" className="link" onClick={() => useNav.getState().open('account', account.id)}>
      {account.name}
    </button>
  )
}

/** Related records (an account's contacts…); those whose delete is waiting for its Undo are not shown. */
export function RelatedList<T extends { id: string }>(props: {
  title: string
  items: T[]
  label(item: T): string
  detail?(item: T): ReactNode
  onOpen(item: T): void
  onAdd?(): void
  addLabel?: string
  empty: string
  /** Items not loaded yet, and how to load them (an account sends its first 50 cases). */
  unsent?: number
  onShowAll?(): void
}) {
  const hidden = useHidden((s) => s.hidden)
  const items = props.items.filter((item) => !hidden.has(item.id))
  const { shown, more, showAll } = useFirstShown(items, props.unsent, props.onShowAll)
  return (
    <section className="related" aria-label={props.title}>
      <div className="related-head">
        <h2 className="section-title">
          {props.title} <span className="count">{items.length + (props.unsent ?? 0)}</span>
        </h2>
        {props.onAdd && (
          <button type="button" className="ghost small" onClick={props.onAdd}>
            {props.addLabel}
          </button>
        )}
      </div>
      {items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className="related-list">
          {shown.map((item) => (
            <li key={item.id}>
              <button type="button" className="link-row" onClick={() => props.onOpen(item)}>
                <span className="strong">{props.label(item)}</span>
                {props.detail && <span className="muted">{props.detail(item)}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && (
        <button type="button" className="ghost small show-all" onClick={showAll}>
          Show all {items.length + (props.unsent ?? 0)} {props.title.toLowerCase()}
        </button>
      )}
    </section>
  )
}
