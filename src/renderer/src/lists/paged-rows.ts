import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '../../../shared/domain/records'
import type { Result } from '../../../shared/ipc/errors'

// Rows of a list that may hold 100,000 records: pages of PAGE_SIZE are fetched
// by offset as they scroll into view, and pages far from the view are dropped,
// so memory stays flat however far the user scrolls.

export const PAGE_SIZE = 100
const KEEP_PAGES = 30

export type FetchPage<T> = (offset: number, limit: number) => Promise<Result<Page<T>>>

export interface PagedRows<T> {
  total: number | null
  error: string | null
  rowAt(index: number): T | undefined
  /** Makes sure rows [start, end] are loaded or loading. */
  ensure(start: number, end: number): void
}

export function usePagedRows<T>(fetchPage: FetchPage<T>, key: string): PagedRows<T> {
  const pages = useRef(new Map<number, T[]>())
  const loading = useRef(new Set<number>())
  const generation = useRef(0)
  const [total, setTotal] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [, setTick] = useState(0)
  const fetchRef = useRef(fetchPage)
  useEffect(() => {
    fetchRef.current = fetchPage
  })

  const load = useCallback((page: number) => {
    if (pages.current.has(page) || loading.current.has(page)) return
    const gen = generation.current
    loading.current.add(page)
    void fetchRef.current(page * PAGE_SIZE, PAGE_SIZE).then((r) => {
      if (gen !== generation.current) return
      loading.current.delete(page)
      if (!r.ok) {
        setError(r.error.message)
        return
      }
      pages.current.set(page, r.value.items)
      if (pages.current.size > KEEP_PAGES) {
        const far = [...pages.current.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page))
        for (const p of far.slice(0, pages.current.size - KEEP_PAGES)) pages.current.delete(p)
      }
      setError(null)
      setTotal(r.value.total)
      setTick((t) => t + 1)
    })
  }, [])

  // A new query (or changed data): start again from the first page, keeping
  // the old rows on screen until the new ones arrive.
  useEffect(() => {
    generation.current++
    const gen = generation.current
    loading.current = new Set([0])
    void fetchRef.current(0, PAGE_SIZE).then((r) => {
      if (gen !== generation.current) return
      loading.current.delete(0)
      if (!r.ok) {
        setError(r.error.message)
        return
      }
      pages.current = new Map([[0, r.value.items]])
      setError(null)
      setTotal(r.value.total)
      setTick((t) => t + 1)
    })
  }, [key])

  const rowAt = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [])
  const ensure = useCallback(
    (start: number, end: number) => {
      for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p++) load(p)
    },
    [load],
  )
  return { total, error, rowAt, ensure }
}
