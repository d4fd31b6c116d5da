import { create } from 'zustand'
import type { ParentType } from '../../../shared/domain/choices'
import type { AccountDeleteImpact } from '../../../shared/domain/delete-impact'

// Which dialogs are open, and what the current screen offers to commands.

export type FormRequest =
  | { kind: ParentType; mode: 'create'; defaults?: { account_id?: string; account_name?: string } }
  | { kind: ParentType; mode: 'edit'; id: string }

export interface CurrentRecord { type: ParentType; id: string; title: string }

interface UiState {
  palette: boolean
  syncPanel: boolean
  importDialog: boolean
  /** Restoring replaces every record: it asks first. */
  confirmRestore: boolean
  /** An account whose delete would take other records with it, waiting for the user's yes. */
  confirmDelete: { record: CurrentRecord; impact: AccountDeleteImpact } | null
  form: FormRequest | null
  /** The record the detail view shows, for Edit/Delete commands. */
  current: CurrentRecord | null
  /** Submits the open form (Save command). */
  save: (() => void) | null
  set(patch: Partial<Omit<UiState, 'set'>>): void
}

export const useUi = create<UiState>((set) => ({
  palette: false,
  syncPanel: false,
  importDialog: false,
  confirmRestore: false,
  confirmDelete: null,
  form: null,
  current: null,
  save: null,
  set: (patch) => set(patch),
}))
