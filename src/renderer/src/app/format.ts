import { countryName } from '../../../shared/domain/countries'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const number = new Intl.NumberFormat()

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso))
export const formatDate = (iso: string) => dateOnly.format(new Date(iso.length === 10 ? `${iso}T00:00:00` : iso))
export const formatCount = (n: number) => number.format(n)

/** "12500000" and "EUR" -> "€12,500,000.00"; an unknown or missing currency keeps its code after the grouped amount. */
export function formatMoney(amount: string, currency: string | null): string {
  const value = Number(amount)
  if (currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value)
    } catch {
      // Not a currency Intl knows: fall through to the plain amount with its code.
    }
  }
  return `${new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}${currency ? ` ${currency}` : ''}`
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let v = bytes / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`
}

export function formatRelative(iso: string, now = Date.now()): string {
  const s = Math.round((now - Date.parse(iso)) / 1000)
  if (s < 60) return 'just now'
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`
  return formatDate(iso)
}

export const personName = (c: { first_name: string; last_name: string }) => `${c.first_name} ${c.last_name}`

/** "Street, 12345 City, State, Country" from whichever address fields are filled. */
export function formatAddress(a: { address_line: string | null; postcode: string | null; city: string | null; state: string | null; country: string | null }): string {
  const town = [a.postcode, a.city].filter(Boolean).join(' ')
  return [a.address_line, town, a.state, a.country && countryName(a.country)].filter(Boolean).join(', ')
}
