/**
 * Turns what the user typed into an FTS5 query: every word must match, the
 * last one as a prefix (search as you type). Each word is quoted, so FTS5
 * syntax in the input ("OR", "NEAR", quotes, *, :) is plain text.
 * Returns null when there is nothing to search for. With `lastAsPrefix`
 * false every word must match whole (the cheap query: see search/handlers.ts).
 */
export function toFtsQuery(text: string, lastAsPrefix = true): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu)
  if (!words?.length) return null
  return words
    .slice(0, 12)
    .map((word, i, all) => `"${word}"${lastAsPrefix && i === all.length - 1 ? '*' : ''}`)
    .join(' ')
}

/** The first word of what the user typed, lower case, for snippetOf (found once per search, not per hit). */
export function firstWordOf(query: string): string | undefined {
  return query.normalize('NFKC').match(/[\p{L}\p{N}]+/u)?.[0]?.toLowerCase()
}

/** A short piece of `text` around `first` (from firstWordOf), for a result line. */
export function snippetOf(text: string | null, first: string | undefined, width = 80): string {
  if (!text) return ''
  const flat = text.replace(/\s+/g, ' ').trim()
  const at = first ? flat.toLowerCase().indexOf(first) : -1
  if (flat.length <= width) return flat
  const start = Math.max(0, Math.min(at - width / 4, flat.length - width))
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + width).trim()}${start + width < flat.length ? '…' : ''}`
}
