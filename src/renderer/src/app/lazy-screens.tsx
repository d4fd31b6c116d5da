import { lazy, useState, type ComponentType } from 'react'

// The screens and dialogs Home's first paint does not need, each in its own
// chunk, so a cold start parses less (the record screens, forms and zod's
// schemas are a third of the app's script). The lists stay in the first chunk:
// Ctrl+2/3/4 are the main keys, often pressed at once after the start. Once Home has painted,
// preloadScreens() fetches them all while the user reads Home, so that opening
// one later does not wait for its chunk and does not show a fallback.

/** A component loaded on first use; `preload` fetches its chunk ahead of that. */
interface LazyScreen<P extends object> {
  (props: P): React.ReactElement
  preload(): Promise<unknown>
}

function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | null = null
  let loading: Promise<ComponentType<P>> | null = null
  const preload = () =>
    (loading ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        loading = null // a later use tries again
        throw e
      },
    ))
  const Lazy = lazy(() => preload().then((c) => ({ default: c })))
  function Screen(props: P) {
    // Chosen once per mount: a loaded chunk renders at once (React.lazy would
    // still suspend for a tick and show the fallback); switching later from
    // Lazy to the component would remount it and lose its state and focus.
    const [Component] = useState<ComponentType<P> | null>(() => loaded)
    return Component ? <Component {...props} /> : <Lazy {...props} />
  }
  Screen.preload = preload
  return Screen
}

export const AccountDetailView = lazyScreen(() => import('../detail/AccountDetailView').then((m) => m.AccountDetailView))
export const ContactDetailView = lazyScreen(() => import('../detail/ContactDetailView').then((m) => m.ContactDetailView))
export const CaseDetailView = lazyScreen(() => import('../detail/CaseDetailView').then((m) => m.CaseDetailView))
export const RecordForm = lazyScreen(() => import('../forms/RecordForm').then((m) => m.RecordForm))
export const ImportDialog = lazyScreen(() => import('../import/ImportDialog').then((m) => m.ImportDialog))
export const SyncPanel = lazyScreen(() => import('../sync/SyncPanel').then((m) => m.SyncPanel))
export const ComposeEmail = lazyScreen(() => import('../email/ComposeEmail').then((m) => m.ComposeEmail))

const ALL = [AccountDetailView, ContactDetailView, CaseDetailView, RecordForm, ImportDialog, SyncPanel, ComposeEmail]

let preloaded = false
/** Fetches every lazy chunk, once, in a later task (after the current frame is painted). */
export function preloadScreens(): void {
  if (preloaded) return
  preloaded = true
  requestAnimationFrame(() =>
    setTimeout(() => {
      for (const screen of ALL) void screen.preload().catch(() => undefined)
    }, 0),
  )
}
