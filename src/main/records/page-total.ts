/**
 * A page shorter than its limit is the list's last: when it has rows, or is
 * the first page, the list's total is its offset plus its length, and the
 * matches need not be counted again. An empty page past the first says
 * nothing (the offset may lie beyond the end): undefined, count them.
 */
export function totalFromLastPage(page: { offset: number; limit: number }, rows: number): number | undefined {
  return rows < page.limit && (rows > 0 || page.offset === 0) ? page.offset + rows : undefined
}
