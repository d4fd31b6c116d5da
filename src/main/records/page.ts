import type { Page } from '../../shared/domain/records'

export function page<T>(items: T[], total: number, window: { limit: number; offset: number }): Page<T> {
  return { items, total, limit: window.limit, offset: window.offset }
}
