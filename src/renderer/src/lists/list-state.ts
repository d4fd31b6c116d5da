import { create } from 'zustand'

// Each list's filters, sort and scroll position live here, outside the list
// component, so they are still there when the user comes back.

export type RecordState = 'active' | 'closed' | 'all'

export interface ListState<F> {
  filters: F
  sort: string
  direction: 'asc' | 'desc'
  state: RecordState
  scrollTop: number
}

export function createListStore<F extends object>(initial: ListState<F>) {
  return create<ListState<F> & { patch(p: Partial<ListState<F>>): void; setFilter<K extends keyof F>(k: K, v: F[K]): void; reset(): void }>((set) => ({
    ...initial,
    patch: (p) => set(p),
    setFilter: (k, v) => set((s) => ({ filters: { ...s.filters, [k]: v }, scrollTop: 0 })),
    reset: () => set({ filters: initial.filters, state: initial.state, scrollTop: 0 }),
  }))
}
