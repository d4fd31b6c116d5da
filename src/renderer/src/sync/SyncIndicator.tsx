import { useUi } from '../app/ui'
import { syncLabel, useSyncStore } from './sync-store'

/** The sync state in the sidebar; opens the sync panel. */
export function SyncIndicator() {
  const { status, error } = useSyncStore()
  const state = error ? 'error' : (status?.state ?? 'local-only')
  const label = error ? 'Sync state unknown' : syncLabel(status)
  const extra = status && (status.failed || status.conflicts) ? ` · ${status.failed + status.conflicts} need attention` : status?.pending ? ` · ${status.pending} pending` : ''
  return (
    <button type="button" className={`sync-indicator sync-${state}`} aria-label={`Sync: ${label}${extra}. Open sync panel`} onClick={() => useUi.getState().set({ syncPanel: true })}>
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-text">
        <span>{label}</span>
        {extra && <span className="muted small-text">{extra.slice(3)}</span>}
      </span>
    </button>
  )
}
