import { create } from 'zustand'

// Short messages at the bottom of the window. A toast may carry an Undo: for
// deletes, the real delete call waits until the toast expires (see deferred.ts).

export interface Toast {
  id: number
  message: string
  tone: 'info' | 'error'
  undo?: () => void
}

interface ToastState {
  toasts: Toast[]
  show(message: string, options?: { tone?: Toast['tone']; undo?: () => void; ms?: number }): number
  dismiss(id: number): void
}

let nextId = 1
export const UNDO_MS = 6000

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show(message, { tone = 'info', undo, ms = undo ? UNDO_MS : tone === 'error' ? 8000 : 4000 } = {}) {
    // The same message again (a retried save that fails the same way) replaces the one shown instead of piling up.
    if (!undo) for (const t of get().toasts) if (!t.undo && t.message === message && t.tone === tone) get().dismiss(t.id)
    const id = nextId++
    const toast: Toast = undo ? { id, message, tone, undo } : { id, message, tone }
    set((s) => ({ toasts: [...s.toasts.slice(-3), toast] }))
    setTimeout(() => get().dismiss(id), ms)
    return id
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
  },
}))

export const notify = (message: string) => useToasts.getState().show(message)
export const notifyError = (message: string) => useToasts.getState().show(message, { tone: 'error' })
