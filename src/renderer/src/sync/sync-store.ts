import { useEffect } from 'react'
import { create } from 'zustand'
import type { SyncStatus } from '../../../shared/domain/sync'

// The sync state: read once at start, then kept current by 'sync.status' pushes.

interface SyncStore { status: SyncStatus | null; error: string | null }
export const useSyncStore = create<SyncStore>(() => ({ status: null, error: null }))

export const setSyncStatus = (status: SyncStatus) => useSyncStore.setState({ status, error: null })

export function useSyncStatusFeed(): void {
  useEffect(() => {
    void window.crm.sync.status().then((r) => useSyncStore.setState(r.ok ? { status: r.value, error: null } : { error: r.error.message }))
    return window.crmEvents.on('sync.status', setSyncStatus)
  }, [])
}

const LABELS: Record<SyncStatus['state'], string> = {
  'local-only': 'Local only',
  offline: 'Offline',
  idle: 'Synced',
  syncing: 'Syncing…',
  error: 'Sync error',
  'needs-login': 'Sign in to sync',
}

export function syncLabel(status: SyncStatus | null): string {
  if (!status) return 'Sync…'
  if (status.state === 'syncing' && status.progress) return `Syncing ${status.progress.done}/${status.progress.total}`
  return LABELS[status.state]
}
