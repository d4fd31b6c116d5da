import { IMPORT_FIELDS, type ImportField, type ImportKind } from '../../shared/domain/import'

// Proposes which record field each CSV column fills, from the column titles.
// Titles are compared loosely ("E-mail", "Email Address" and "email" are the
// same), and a few common names from other CRMs and spreadsheets are known.

const normal = (title: string) => title.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, '')

/** Other names a column may have, per field (compared after `normal`). */
const ALIASES: Record<string, readonly string[]> = {
  name: ['accountname', 'company', 'companyname', 'casename', 'subject'],
  email: ['emailaddress', 'mail'],
  phone: ['phonenumber', 'telephone', 'tel', 'mobile'],
  website: ['web', 'url', 'site'],
  number_of_employees: ['employees', 'staff', 'headcount'],
  annual_revenue: ['revenue', 'turnover'],
  address_line: ['address', 'street', 'addressline1'],
  postcode: ['zip', 'zipcode', 'postalcode', 'postcode'],
  state: ['region', 'province', 'county'],
  first_name: ['firstname', 'givenname', 'forename'],
  last_name: ['lastname', 'surname', 'familyname'],
  organization: ['organisation', 'company', 'companyname'],
  title: ['jobtitle', 'position', 'role'],
  linkedin_url: ['linkedin', 'linkedinprofile'],
  do_not_call: ['donotcall', 'nocall'],
  account: ['accountname', 'account', 'customer'],
  case_type: ['type', 'casetype'],
  closed_on: ['closed', 'closedon', 'closeddate', 'dateclosed'],
  is_active: ['active'],
  description: ['notes', 'note', 'details'],
}

/** The field a column title names for this record type, if any. */
export function fieldForTitle(kind: ImportKind, title: string): ImportField | null {
  const key = normal(title)
  if (!key) return null
  const fields: readonly ImportField[] = IMPORT_FIELDS[kind]
  const exact = fields.find((f) => normal(f) === key)
  if (exact) return exact
  // A title like "Title" is a contact's job title but a case's name: own field names win, then aliases in field order.
  return fields.find((f) => ALIASES[f]?.includes(key)) ?? null
}

/** One field (or null) per column; a field already taken by an earlier column is not proposed twice. */
export function proposeMapping(kind: ImportKind, titles: readonly string[]): (ImportField | null)[] {
  const taken = new Set<ImportField>()
  return titles.map((title) => {
    const field = fieldForTitle(kind, title)
    if (!field || taken.has(field)) return null
    taken.add(field)
    return field
  })
}

/** A first row is a header when at least one of its cells names a field. */
export function looksLikeHeader(kind: ImportKind, firstRow: readonly string[]): boolean {
  return firstRow.some((cell) => fieldForTitle(kind, cell) !== null)
}

export function columnTitles(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Column ${i + 1}`)
}
