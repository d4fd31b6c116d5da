import { lazy, Suspense, useEffect } from 'react'
import { AccountDetailView } from '../detail/AccountDetailView'
import { CaseDetailView } from '../detail/CaseDetailView'
import { ConfirmAccountDelete } from '../detail/ConfirmAccountDelete'
import { ContactDetailView } from '../detail/ContactDetailView'
import { Home } from '../home/Home'
import { AccountsList } from '../lists/AccountsList'
import { CasesList } from '../lists/CasesList'
import { ContactsList } from '../lists/ContactsList'
import { CommandPalette } from '../palette/CommandPalette'
import { ErrorBoundary } from '../ui/ErrorBoundary'
import { ConfirmDialog } from '../ui/Modal'
import { dataProtection } from './data-protection'
import { flushPendingDeletes } from './deferred-delete'
import { SyncIndicator } from '../sync/SyncIndicator'
import { SyncPanel } from '../sync/SyncPanel'
import { useSyncStatusFeed } from '../sync/sync-store'
import { shortcutLabel } from './accelerator'
import { useKeyboardCommands, useMenuCommands } from './command-input'
import { dataChanged } from './data-version'
import { useLookupsLoader } from './lookups'
import { useNav, type Section } from './navigation'
import { Toasts } from './Toasts'
import { useUi } from './ui'
import { ComposeEmailHost } from '../email/ComposeEmail'

// The record form and the import dialog load when first opened: their modules
// build the create schemas (zod) of every record type, work that took about
// 20 ms of every start for a screen Home never shows.
const RecordForm = lazy(() => import('../forms/RecordForm').then((m) => ({ default: m.RecordForm })))
const ImportDialog = lazy(() => import('../import/ImportDialog').then((m) => ({ default: m.ImportDialog })))

const SECTIONS: { section: Section; label: string; accelerator: string }[] = [
  { section: 'home', label: 'Home', accelerator: 'CmdOrCtrl+1' },
  { section: 'accounts', label: 'Accounts', accelerator: 'CmdOrCtrl+2' },
  { section: 'contacts', label: 'Contacts', accelerator: 'CmdOrCtrl+3' },
  { section: 'cases', label: 'Cases', accelerator: 'CmdOrCtrl+4' },
]

export function App() {
  useLookupsLoader()
  useSyncStatusFeed()
  useKeyboardCommands()
  useMenuCommands()
  useEffect(() => window.crmEvents.on('data.changed', () => dataChanged()), [])
  // Closing: send the deletes still waiting for their Undo toast, then let the window go.
  useEffect(() => window.crmEvents.on('window.closing', () => void flushPendingDeletes().finally(() => window.crm.window.readyToClose())), [])
  const route = useNav((s) => s.route)
  const { palette, syncPanel, form, importDialog, confirmRestore } = useUi()

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">F</span> Field CRM
        </div>
        <button type="button" className="palette-button" onClick={() => useUi.getState().set({ palette: true })}>
          <span className="palette-label-text">Search…</span>
          <kbd>{shortcutLabel('CmdOrCtrl+K')}</kbd>
        </button>
        <ul className="nav-list">
          {SECTIONS.map(({ section, label, accelerator }) => (
            <li key={section}>
              <button
                type="button"
                className="nav-item"
                aria-current={route.section === section ? 'page' : undefined}
                title={shortcutLabel(accelerator)}
                onClick={() => useNav.getState().go({ section })}
              >
                <span className={`nav-icon icon-${section}`} aria-hidden="true" />
                <span className="nav-label">{label}</span>
              </button>
            </li>
          ))}
        </ul>
        <span className="spacer" />
        <SyncIndicator />
      </nav>
      <main className="content" id="main">
        <ErrorBoundary resetKey={`${route.section}/${route.record?.id ?? ''}`}>
          <Screen />
        </ErrorBoundary>
      </main>
      <Suspense fallback={null}>{form && <RecordForm key={JSON.stringify(form)} request={form} />}</Suspense>
      {palette && <CommandPalette />}
      {syncPanel && <SyncPanel />}
      <ComposeEmailHost />
      <Suspense fallback={null}>
        {importDialog && (
          <ImportDialog
            open
            onClose={() => {
              useUi.getState().set({ importDialog: false })
              dataChanged()
            }}
          />
        )}
      </Suspense>
      {confirmRestore && (
        <ConfirmDialog
          title="Restore from a backup?"
          message="Every record on this computer is replaced by the backup you choose next. A copy of the current data is kept first."
          confirm="Choose backup…"
          onCancel={() => useUi.getState().set({ confirmRestore: false })}
          onConfirm={() => {
            useUi.getState().set({ confirmRestore: false })
            void dataProtection.restore()
          }}
        />
      )}
      <ConfirmAccountDelete />
      <Toasts />
    </div>
  )
}

function Screen() {
  const route = useNav((s) => s.route)
  if (route.record) {
    const { type, id } = route.record
    if (type === 'account') return <AccountDetailView key={id} id={id} />
    if (type === 'contact') return <ContactDetailView key={id} id={id} />
    return <CaseDetailView key={id} id={id} />
  }
  if (route.section === 'accounts') return <AccountsList />
  if (route.section === 'contacts') return <ContactsList />
  if (route.section === 'cases') return <CasesList />
  return <Home />
}
