import { z } from 'zod'
import { LIMITS } from './choices'
import { isKnownCountry } from './countries'
import { CSV_FLAVOURS } from './csv-flavour'

// Field rules shared by every record type. They are the server's rules, so a
// record that passes here is one the server will accept.

export const uuid = z.uuid({ message: 'Must be a valid id' })

/**
 * A lone surrogate is half of a character: SQLite stores it as invalid UTF-8,
 * and two different inputs then read back as the same text. NUL cuts text
 * short in other programs and exports. Neither is typed by a person.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
export const isStorableText = (v: string) => !v.includes('\0') && !LONE_SURROGATE.test(v)
const NOT_STORABLE = { message: 'Contains a character that cannot be stored (a NUL or half of a character)' }

/** Trims, and turns an empty string into null so "cleared" and "never set" are the same. */
export function optionalText(max: number) {
  return z
    .string()
    .refine(isStorableText, NOT_STORABLE)
    .trim()
    .max(max, { message: `At most ${max} characters` })
    .transform((v) => (v === '' ? null : v))
    .nullable()
}

export function requiredText(max: number, label: string) {
  return z
    .string({ message: `${label} is required` })
    .refine(isStorableText, NOT_STORABLE)
    .trim()
    .min(1, { message: `${label} is required` })
    .max(max, { message: `At most ${max} characters` })
}

/**
 * A record's name as a person reads it: NFC (so "é" typed two ways is one
 * name) and without invisible characters, so "Acme" with a zero-width space,
 * a soft hyphen or a word joiner is the same name as "Acme" for the
 * unique-name rule. See normalizeName.
 */
export function nameText(max: number, label: string) {
  return z.string({ message: `${label} is required` }).transform(normalizeName).pipe(requiredText(max, label))
}

// Format and other default-ignorable characters: soft hyphen, combining grapheme joiner, Arabic
// letter mark, Hangul fillers, Khmer vowels inherent, Mongolian selectors, zero-width space to
// right-to-left mark, bidi embeddings, word joiner and invisible operators, BOM, tag characters.
const INVISIBLE: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f],
  [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfeff, 0xfeff], [0xffa0, 0xffa0], [0xe0000, 0xe0fff],
]
const isInvisible = (c: string) => {
  const code = c.codePointAt(0)!
  return INVISIBLE.some(([from, to]) => code >= from && code <= to)
}
const JOINERS = new Set(['\u200C', '\u200D'])
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F/u
const JOINING_LETTER = /[\p{L}\p{M}]/u
const LATIN_OR_COMMON = /[\p{Script=Latin}\p{Script=Common}]/u

/** A joiner between two emoji, or two letters of a script that uses it (Persian, Indic), changes how the text reads. */
function joinerMatters(before: string | undefined, after: string | undefined): boolean {
  if (!before || !after) return false
  if (EMOJI.test(before) && EMOJI.test(after)) return true
  return [before, after].every((c) => JOINING_LETTER.test(c) && !LATIN_OR_COMMON.test(c))
}

/** NFC, without invisible characters (a zero-width joiner or non-joiner is kept where it changes the text). */
export function normalizeName(text: string): string {
  const chars = Array.from(text.normalize('NFC'))
  let out = ''
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!
    if (JOINERS.has(c) ? !joinerMatters(chars[i - 1], chars[i + 1]) : isInvisible(c)) continue
    out += c
  }
  return out
}

export const email = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v.toLowerCase()))
  .pipe(z.email({ message: 'Not a valid email address' }).nullable())
  .nullable()

const PHONE = /^[0-9 ()+.-]{7,25}$/
// The server allows no letters, so "ext. 12", "x12" or "#12" is kept the way DIN 5008 writes an extension: "-12".
const EXTENSION = /\s*(?:ext\.?|extension|x|#)\s*(\d{1,6})$/i
export const phone = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v.replace(EXTENSION, '-$1')))
  .pipe(z.string().regex(PHONE, { message: 'A phone number of 7 to 25 digits, spaces and + - ( ) . with any extension as "ext. 12"' }).nullable())
  .nullable()

export const url = z
  .string()
  .trim()
  // People type "brightwater.example"; a name with a dot and no scheme is taken as an https address.
  .transform((v) => (v === '' ? null : !/^[a-z][a-z0-9+.-]*:/i.test(v) && /^[^\s/]+\.[^\s/]/.test(v) ? `https://${v}` : v))
  .pipe(z.url({ protocol: /^https?$/, message: 'A web address, such as example.com or https://example.com' }).nullable())
  .nullable()

/** ISO-3166 alpha-2, upper case (the server refuses "USA"). */
export const country = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v.toUpperCase()))
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{2}$/, { message: 'Use a two-letter country code, such as US' })
      // A code of another shape has its message from the regex above.
      .refine((v) => !/^[A-Z]{2}$/.test(v) || isKnownCountry(v), { message: 'Unknown country code' })
      .nullable(),
  )
  .nullable()

/** decimal(15,2), not negative; kept as a string so no cent is lost to floating point. */
export const money = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .transform((v) => (v === '' ? null : v))
  .pipe(
    z
      .string()
      .regex(/^\d{1,13}(\.\d{1,2})?$/, { message: 'A non-negative amount with at most 2 decimals' })
      .nullable(),
  )
  .nullable()

export const currency = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v.toUpperCase()))
  .pipe(z.string().regex(/^[A-Z]{3}$/, { message: 'A three-letter currency code, such as USD' }).nullable())
  .nullable()

export const isoDate = z.iso.date({ message: 'A date as YYYY-MM-DD' })

export const idList = z.array(uuid).max(200).transform((ids) => [...new Set(ids)])

export const description = optionalText(LIMITS.description)

/** Page window shared by every list; the server pages the same way. */
export const pageWindow = {
  limit: z.number().int().min(1).max(LIMITS.pageSize).default(50),
  offset: z.number().int().min(0).max(1_000_000_000).default(0),
}

export const searchText = z.string().trim().max(LIMITS.searchText).optional()
export const sortDirection = z.enum(['asc', 'desc']).default('asc')

/** How a CSV export is written (csv-flavour.ts); spreadsheets unless asked. */
export const csvFlavour = z.enum(CSV_FLAVOURS, { message: 'Export for spreadsheets or as plain data' }).default('spreadsheet')
