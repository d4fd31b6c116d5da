/** The words of what the user typed (at most twelve), or null when there are none. */
function wordsOf(text: string): string[] | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu)
  return words?.length ? words.slice(0, 12) : null
}

/** Each word quoted, so FTS5 syntax in the input ("OR", "NEAR", quotes, *, :) is plain text. */
const quoted = (words: string[], lastAsPrefix: boolean) =>
  words.map((word, i) => `"${word}"${lastAsPrefix && i === words.length - 1 ? '*' : ''}`).join(' ')

/**
 * Turns what the user typed into an FTS5 query: every word must match, the
 * last one as a prefix (search as you type). Returns null when there is
 * nothing to search for. With `lastAsPrefix` false every word must match
 * whole (the cheap query: see search/handlers.ts).
 */
export function toFtsQuery(text: string, lastAsPrefix = true): string | null {
  const words = wordsOf(text)
  return words && quoted(words, lastAsPrefix)
}

export interface SearchTerms {
  /** The whole-word query, then the one with the last word as a prefix. */
  queries: [string, string]
  /** The same two, in record names (the title column) only. */
  nameQueries: [string, string]
  /** What was typed, for the name lookups (search/name-matches.ts). */
  text: string
  /** The first word, lower case, for snippetOf. */
  first: string
}

/** Everything a search needs from what the user typed, read once; null when there is nothing to search for. */
export function searchTermsOf(text: string): SearchTerms | null {
  const words = wordsOf(text)
  if (!words) return null
  const queries: [string, string] = [quoted(words, false), quoted(words, true)]
  return { queries, nameQueries: [`{title} : (${queries[0]})`, `{title} : (${queries[1]})`], text, first: words[0]!.toLowerCase() }
}

/** Whitespace other than single spaces between words. */
const UNEVEN_SPACE = /[^\S ]| {2}|^ | $/

/** Whitespace runs become one space, ends trimmed; tested first, as most texts need nothing (a search flattens forty of them). */
function flattened(text: string): string {
  return UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text
}

/** A short piece of `text` around `first` (from firstWordOf), for a result line; whitespace runs become one space. */
export function snippetOf(text: string | null, first: string | undefined, width = 80): string {
  if (!text) return ''
  if (text.length <= width) return flattened(text)
  // Only the window is flattened: a hit's text may be long, and a search shows twenty of them as you type.
  const at = first ? text.toLowerCase().indexOf(first) : -1
  const start = Math.max(0, Math.min(at - width / 4, text.length - width))
  const piece = flattened(text.slice(start, start + width))
  return `${start > 0 ? '…' : ''}${piece}${start + width < text.length ? '…' : ''}`
}
