import { create } from 'zustand'

// One counter that every loader depends on: bumped after each local write and
// on the 'data.changed' push event (a sync pull, an import), so lists and
// detail views reload what they show.

interface DataVersion {
  version: number
  bump(): void
}

export const useDataVersion = create<DataVersion>((set) => ({
  version: 0,
  bump: () => set((s) => ({ version: s.version + 1 })),
}))

export const dataChanged = () => useDataVersion.getState().bump()
