import { Fragment, type ReactNode } from 'react'

// Emails, web addresses and phone numbers in a record's details.

/**
 * `text` with line-break opportunities where an address reads well split:
 * before "@" and after "." "/" "?" "&" "=" "_". A browser finds none inside
 * "industries.example/contact", so a long address was cut mid-word; the
 * stylesheet now breaks a word only when one part alone is wider than the line.
 */
export function breakable(text: string): ReactNode {
  const parts = text.split(/(?=@)|(?<=[./?&=_])/)
  if (parts.length < 2) return text
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ))
}

/**
 * The number a `tel:` link dials: digits with a leading "+" kept, and an
 * extension after "x" or "ext" as ";ext=". Null when there is nothing to dial.
 */
export function telHref(phone: string): string | null {
  const [main = '', extension] = phone.split(/\s*(?:x|ext\.?|extension)\s*/i)
  const digits = main.replace(/[^\d]/g, '')
  if (digits.length < 3 || digits.length > 20) return null
  const ext = extension?.replace(/[^\d]/g, '')
  return `tel:${main.trim().startsWith('+') ? '+' : ''}${digits}${ext ? `;ext=${ext}` : ''}`
}

export const emailLink = (email: string | null): ReactNode => email && <a href={`mailto:${email}`}>{breakable(email)}</a>

/** A website as a link (the main process opens http(s) links in the system's browser), shown without its scheme. */
export const webLink = (url: string | null): ReactNode => url && <a href={url}>{breakable(url.replace(/^https?:\/\//, '').replace(/\/$/, ''))}</a>

/** A phone number as a `tel:` link (the main process hands it to the system's phone or calling program). */
export function phoneLink(phone: string | null): ReactNode {
  if (!phone) return phone
  const href = telHref(phone)
  return href ? <a href={href}>{phone}</a> : phone
}
