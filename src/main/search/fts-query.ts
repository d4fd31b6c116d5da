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

/** A short piece of `text` around `first` (from firstWordOf), for a result line; whitespace runs become one space. */
export function snippetOf(text: string | null, first: string | undefined, width = 80): string {
  if (!text) return ''
  if (text.length <= width) return text.replace(/\s+/g, ' ').trim()
  // Only the window is flattened: a hit's text may be long, and a search shows twenty of them as you type.
  const at = first ? text.toLowerCase().indexOf(first) : -1
  const start = Math.max(0, Math.min(at - width / 4, text.length - width))
  const piece = text.slice(start, start + width).replace(/\s+/g, ' ').trim()
  return `${start > 0 ? '…' : ''}${piece}${start + width < text.length ? '…' : ''}`
}
