import { useEffect, useState } from 'react'
import type { Result } from '../../../shared/ipc/errors'
import { useDataVersion } from '../app/data-version'

export type Loaded<T> = { status: 'loading' } | { status: 'error'; message: string; code: string } | { status: 'ready'; value: T }

/** Loads one record's detail; reloads when any data changes. Keeps the old value while reloading. */
export function useRecord<T>(load: (id: string) => Promise<Result<T>>, id: string): Loaded<T> & { retry(): void } {
  const version = useDataVersion((s) => s.version)
  const [attempt, setAttempt] = useState(0)
  const [state, setState] = useState<{ id: string; loaded: Loaded<T> }>({ id, loaded: { status: 'loading' } })
  useEffect(() => {
    let live = true
    void load(id).then((r) => {
      if (!live) return
      setState({ id, loaded: r.ok ? { status: 'ready', value: r.value } : { status: 'error', message: r.error.message, code: r.error.code } })
    })
    return () => {
      live = false
    }
  }, [load, id, version, attempt])
  const loaded: Loaded<T> = state.id === id ? state.loaded : { status: 'loading' }
  return { ...loaded, retry: () => setAttempt((a) => a + 1) }
}
