// The substring indexes ("name contains") hold, for each key, its 5-character
// windows starting every 3 characters, in three columns: column r holds the
// windows starting at r, r+3, r+6... Where a key contains a term, the term
// starts at some position of one column, so it is the phrase of that
// column's consecutive windows: T[0..5], T[3..8], ... and, as a prefix, the
// last 3 to 5 characters. That phrase matches exactly the keys containing the
// term, like a trigram phrase, but with a third as many tokens; a count walks
// one posting list per token, so a long term costs about a third as much
// (migrations/0010_substring_grams.ts).

/** Characters in a window; a term's last token is a prefix of 3 to GRAM_WIDTH of them. */
export const GRAM_WIDTH = 5
/** Characters between the starts of two windows of a column; also the number of columns per key. */
export const GRAM_STRIDE = 3
/** The shortest term an index answers: shorter terms are left to the LIKE alone. */
export const MIN_GRAM_TERM = 3

// Keys hold any character, but a tokenizer splits on spaces and punctuation.
// A window is indexed as the hex of its UTF-8 bytes: one token, and a prefix
// of characters is a prefix of the token (UTF-8 never makes one character's
// bytes the start of another's).
const ASCII_HEX = Object.freeze(Array.from({ length: 128 }, (_, code) => code.toString(16).padStart(2, '0')))

/** The hex of other characters met so far (a few hundred in any one language); Buffer.from per character cost more than the rest of a key. */
const OTHER_HEX = new Map<number, string>()
// The index's triggers ask for a key's three columns one after another: the characters of the last key are kept.
let lastKey = ''
let lastHex: readonly string[] = []

function hexOfCharacters(key: string): readonly string[] {
  if (key === lastKey) return lastHex
  const out: string[] = []
  for (const character of key) {
    const code = character.codePointAt(0)!
    if (code < 128) {
      out.push(ASCII_HEX[code]!)
      continue
    }
    let hex = OTHER_HEX.get(code)
    if (hex === undefined) {
      hex = Buffer.from(character, 'utf8').toString('hex')
      if (OTHER_HEX.size < 10_000) OTHER_HEX.set(code, hex)
    }
    out.push(hex)
  }
  lastKey = key
  lastHex = out
  return out
}

/**
 * The text of column `offset` (0 to GRAM_STRIDE - 1) for `key`: its windows
 * starting at offset, offset + GRAM_STRIDE, ..., space-separated. A window
 * near the end may be shorter; ones under MIN_GRAM_TERM characters are left
 * out, as no term's token can match them. Registered as the SQL function
 * gram_text(key, offset), which the indexes' triggers call.
 */
export function gramText(key: string, offset: number): string {
  const hex = hexOfCharacters(key)
  let text = ''
  for (let start = offset; start + MIN_GRAM_TERM <= hex.length; start += GRAM_STRIDE) {
    if (text) text += ' '
    for (let i = start; i < start + GRAM_WIDTH && i < hex.length; i++) text += hex[i]
  }
  return text
}

/**
 * The FTS5 query matching the keys in `keyColumn` that contain a key of
 * exactly two characters, in an index that also holds each key's last two
 * characters as one token in `endColumn`: the key's windows start at every
 * character but its last two (a window is left out under MIN_GRAM_TERM
 * characters), so the pair is either a prefix of a window or the key's end.
 * Undefined for any other length.
 */
export function pairMatch(keyColumn: string, endColumn: string, key: string): string | undefined {
  const hex = hexOfCharacters(key)
  if (hex.length !== 2) return undefined
  const token = hex.join('')
  return `{${gramColumns(keyColumn).join(' ')}} : "${token}" * OR ${endColumn} : "${token}"`
}

/** The index's column names for a key column. */
export function gramColumns(keyColumn: string): string[] {
  return Array.from({ length: GRAM_STRIDE }, (_, r) => `${keyColumn}_${r}`)
}

/**
 * The FTS5 query matching the keys in `keyColumn` (or in any of several key
 * columns of one index: a phrase matches within one column, never across two)
 * that contain `key` (a textKey); undefined when the key is shorter than
 * MIN_GRAM_TERM characters.
 */
export function gramMatch(keyColumn: string | readonly string[], key: string): string | undefined {
  const hex = hexOfCharacters(key)
  if (hex.length < MIN_GRAM_TERM) return undefined
  // Full windows every GRAM_STRIDE characters, then the rest (3 to GRAM_WIDTH characters) as the last token.
  const tokens: string[] = []
  let start = 0
  for (; hex.length - start > GRAM_WIDTH; start += GRAM_STRIDE) tokens.push(hex.slice(start, start + GRAM_WIDTH).join(''))
  tokens.push(hex.slice(start).join(''))
  const prefix = hex.length - start < GRAM_WIDTH ? ' *' : ''
  const columns = (typeof keyColumn === 'string' ? [keyColumn] : keyColumn).flatMap(gramColumns)
  return `{${columns.join(' ')}} : "${tokens.join(' ')}"${prefix}`
}
