import { create } from 'zustand'
import type { ParentType } from '../../../shared/domain/choices'

/** The record an email is written from: an account, a contact (its account) or a case (its account and contacts). */
export interface ComposeFrom {
  type: ParentType
  id: string
}

export const useCompose = create<{ from: ComposeFrom | null }>(() => ({ from: null }))

export const openCompose = (from: ComposeFrom) => useCompose.setState({ from })
export const closeCompose = () => useCompose.setState({ from: null })
