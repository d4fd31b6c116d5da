import { create } from 'zustand'
import type { Result } from '../../../shared/ipc/errors'
import { dataChanged } from './data-version'
import { notifyError, UNDO_MS, useToasts } from './toasts'

// Delete with an honest Undo: the record is hidden at once, but the delete
// call only runs when the Undo toast expires. Undo simply cancels it. If the
// window closes first, pending deletes are sent right away.

interface Pending { run: () => Promise<Result<unknown>>; timer: ReturnType<typeof setTimeout>; toast: number }

interface HiddenState { hidden: ReadonlySet<string> }
export const useHidden = create<HiddenState>(() => ({ hidden: new Set() }))

const pending = new Map<string, Pending>()

function setHidden(id: string, on: boolean) {
  useHidden.setState((s) => {
    const hidden = new Set(s.hidden)
    if (on) hidden.add(id)
    else hidden.delete(id)
    return { hidden }
  })
}

async function commit(id: string) {
  const p = pending.get(id)
  if (!p) return
  pending.delete(id)
  clearTimeout(p.timer)
  const result = await p.run()
  setHidden(id, false)
  if (!result.ok) notifyError(`Could not delete: ${result.error.message}`)
  dataChanged()
}

export function deleteWithUndo(id: string, message: string, run: () => Promise<Result<unknown>>): void {
  const toasts = useToasts.getState()
  setHidden(id, true)
  const toast = toasts.show(message, {
    undo: () => {
      const p = pending.get(id)
      if (!p) return
      pending.delete(id)
      clearTimeout(p.timer)
      setHidden(id, false)
    },
  })
  pending.set(id, { run, toast, timer: setTimeout(() => void commit(id), UNDO_MS) })
}

/** Sends every pending delete now; resolves when all have answered. */
export async function flushPendingDeletes(): Promise<void> {
  await Promise.all([...pending.keys()].map((id) => commit(id)))
}

// The main process asks before it closes the window ('window.closing'); pagehide is the
// fallback for a page that goes away without being asked (a reload).
if (typeof window !== 'undefined') window.addEventListener('pagehide', () => void flushPendingDeletes())
