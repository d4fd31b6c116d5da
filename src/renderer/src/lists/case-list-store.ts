import type { AccountRef } from '../ui/AccountPicker'
import { createListStore } from './list-state'

// The Cases list's filters, sort and scroll, in a file of their own: Home sets
// them (its cards open the list filtered) without loading the list's screen.

export const useCaseList = createListStore({
  filters: { name: '', status: '', priority: '', type: '', tag: '', assignee: '', account: null as AccountRef | null },
  sort: 'created_at',
  direction: 'desc',
  state: 'active',
  scrollTop: 0,
})
