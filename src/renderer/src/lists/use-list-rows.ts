import { useCallback } from 'react'
import type { Page } from '../../../shared/domain/records'
import type { Result } from '../../../shared/ipc/errors'
import { useDataVersion } from '../app/data-version'
import type { ListState } from './list-state'
import { usePagedRows } from './paged-rows'

type ListCall<Q, T> = (query: Q & { offset: number; limit: number }) => Promise<Result<Page<T>>>

/**
 * The wiring every list screen shares: pages of `list(query)` that reload when
 * the query or the data changes, whether any filter is on, and the scroll
 * position kept in the list's store.
 */
export function useListRows<Q extends object, T>(
  list: ListCall<Q, T>,
  query: Q,
  store: Pick<ListState<object>, 'filters' | 'state'> & { patch(p: { scrollTop: number }): void },
) {
  const version = useDataVersion((v) => v.version)
  const queryKey = JSON.stringify(query)
  const key = queryKey + version
  // The key stands for `query` (and the data version): the page fetcher changes exactly when it does.
  const fetchPage = useCallback((offset: number, limit: number) => list({ ...query, offset, limit }), [key]) // eslint-disable-line react-hooks/exhaustive-deps
  const rows = usePagedRows(fetchPage, key)
  const filtered = Object.values(store.filters).some(Boolean) || store.state !== 'active'
  const patch = store.patch
  const onScroll = useCallback((scrollTop: number) => patch({ scrollTop }), [patch])
  return { rows, queryKey, filtered, onScroll }
}
