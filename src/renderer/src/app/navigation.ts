import { create } from 'zustand'
import type { ParentType } from '../../../shared/domain/choices'

// Where the user is. A small history stack gives "Back" without a router.

export type Section = 'home' | 'accounts' | 'contacts' | 'cases'
export type Route = { section: Section; record?: { type: ParentType; id: string } }

const SECTION_OF: Record<ParentType, Section> = { account: 'accounts', contact: 'contacts', case: 'cases' }

interface NavState {
  route: Route
  history: Route[]
  go(route: Route): void
  open(type: ParentType, id: string): void
  back(): void
}

export const useNav = create<NavState>((set, get) => ({
  route: { section: 'home' },
  history: [],
  go(route) {
    const { route: current, history } = get()
    if (current.section === route.section && current.record?.id === route.record?.id) return
    set({ route, history: [...history.slice(-49), current] })
  },
  open(type, id) {
    get().go({ section: SECTION_OF[type], record: { type, id } })
  },
  back() {
    const { history, route } = get()
    const previous = history.at(-1)
    if (previous) set({ route: previous, history: history.slice(0, -1) })
    else if (route.record) set({ route: { section: route.section } })
  },
}))

/** Drops routes to a record that no longer exists (after a delete). */
export function forgetRecord(id: string): void {
  useNav.setState((s) => ({
    history: s.history.filter((r) => r.record?.id !== id),
    route: s.route.record?.id === id ? { section: s.route.section } : s.route,
  }))
}
