import { useEffect, useState } from 'react'
import type { CasePriority } from '../../../shared/domain/choices'
import type { HomeSummary, RecentChange } from '../../../shared/domain/home'
import type { CaseListItem } from '../../../shared/domain/records'
import { runCommand } from '../app/commands'
import { useDataVersion } from '../app/data-version'
import { formatCount, formatRelative } from '../app/format'
import { useNav } from '../app/navigation'
import { useCaseList } from '../lists/CasesList'
import { EmptyState, ErrorState, Loading } from '../ui/states'
import { Badge } from '../ui/TagChips'
import { homeSummary } from './early-summary'
import { MentionsOfMe } from './MentionsOfMe'

// The start screen: open cases by priority and what changed lately, from one
// answer of the main process (home.summary), so it shows only real data.

async function loadSummary(): Promise<HomeSummary> {
  const r = await homeSummary()
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

const KIND_LABEL = { account: 'Account', contact: 'Contact', case: 'Case' }

/** A row that opens a record: its kind, its title and when it was touched. */
function RecordRow({ type, id, title, at }: RecentChange) {
  return (
    <li>
      <button type="button" className="link-row" onClick={() => useNav.getState().open(type, id)}>
        <span className={`kind kind-${type}`}>{KIND_LABEL[type]}</span>
        <span className="strong">{title}</span>
        <time className="muted when" dateTime={at}>{formatRelative(at)}</time>
      </button>
    </li>
  )
}

/** A row that opens a case: priority, name, account and status. */
function CaseRow({ item: c }: { item: CaseListItem }) {
  return (
    <li>
      <button type="button" className="link-row" onClick={() => useNav.getState().open('case', c.id)}>
        <Badge kind="priority" value={c.priority} />
        <span className="strong">{c.name}</span>
        <span className="muted">{c.account_name ?? ''}</span>
        <Badge kind="status" value={c.status} />
      </button>
    </li>
  )
}

/** The Cases list showing the open cases a card counts. */
function showOpenCases(filters: { assignee?: string; priority?: CasePriority }) {
  const list = useCaseList.getState()
  list.reset()
  list.patch({ filters: { ...list.filters, status: 'open', ...filters } })
  useNav.getState().go({ section: 'cases' })
}

export function Home() {
  const version = useDataVersion((s) => s.version)
  const [state, setState] = useState<{ summary?: HomeSummary; error?: string }>({})
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    loadSummary().then(
      (summary) => live && setState({ summary }),
      (e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }),
    )
    return () => {
      live = false
    }
  }, [version, attempt])
  if (state.error) return <ErrorState message={state.error} onRetry={() => setAttempt((a) => a + 1)} />
  if (!state.summary) return <Loading label="Loading your overview…" />
  const { byPriority, recent, mine, viewed } = state.summary
  const openTotal = byPriority.reduce((n, p) => n + p.total, 0)
  return (
    <section className="home" aria-labelledby="home-title">
      <header className="list-header">
        <div className="title-row">
          <h1 id="home-title">Home</h1>
          <span className="spacer" />
          <button type="button" onClick={() => runCommand('palette.open')}>
            Search everything…
          </button>
          <button type="button" className="primary" onClick={() => runCommand('account.new')}>
            New account
          </button>
        </div>
      </header>
      <div className="home-grid">
        <section className="card" aria-labelledby="mine-title">
          <h2 id="mine-title" className="section-title">
            Assigned to me <span className="count">{formatCount(mine.total)}</span>
          </h2>
          {mine.total === 0 ? (
            <p className="muted">No open cases are assigned to you.</p>
          ) : (
            <ul className="related-list" aria-label="Open cases assigned to me">
              {mine.top.map((c) => (
                <CaseRow key={c.id} item={c} />
              ))}
            </ul>
          )}
          {mine.total > mine.top.length && (
            <button
              type="button"
              className="link"
              onClick={() => showOpenCases({ assignee: mine.meId })}
            >
              Show all {formatCount(mine.total)}
            </button>
          )}
        </section>
        <section className="card" aria-labelledby="viewed-title">
          <h2 id="viewed-title" className="section-title">
            Recently viewed
          </h2>
          {viewed.length === 0 ? (
            <p className="muted">Records you open show up here.</p>
          ) : (
            <ul className="related-list" aria-label="Recently viewed">
              {viewed.slice(0, 8).map((r) => (
                <RecordRow key={`${r.type}-${r.id}`} type={r.type} id={r.id} title={r.title} at={r.viewed_at} />
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="open-cases-title">
          <h2 id="open-cases-title" className="section-title">
            Open cases by priority <span className="count">{formatCount(openTotal)}</span>
          </h2>
          <div className="priority-stats">
            {byPriority.map((p) => (
              <button
                key={p.priority}
                type="button"
                className="priority-head"
                aria-label={`${p.priority}: ${p.total} open cases. Show them`}
                onClick={() => showOpenCases({ priority: p.priority })}
              >
                <Badge kind="priority" value={p.priority} />
                <span className="big-number">{formatCount(p.total)}</span>
              </button>
            ))}
          </div>
          {openTotal === 0 ? (
            <EmptyState title="No open cases">
              <p>New, assigned and pending cases show up here.</p>
            </EmptyState>
          ) : (
            <>
              <h3 className="sub-title">Most pressing</h3>
              <ul className="related-list">
                {byPriority
                  .flatMap((p) => p.top)
                  .slice(0, 8)
                  .map((c) => (
                    <CaseRow key={c.id} item={c} />
                  ))}
              </ul>
            </>
          )}
        </section>
        <MentionsOfMe />
        <section className="card" aria-labelledby="recent-title">
          <h2 id="recent-title" className="section-title">
            Recent activity
          </h2>
          {recent.length === 0 ? (
            <EmptyState title="Nothing here yet">
              <p>Create an account to get started.</p>
            </EmptyState>
          ) : (
            <ul className="related-list">
              {recent.map((r) => (
                <RecordRow key={`${r.type}-${r.id}`} {...r} />
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  )
}
