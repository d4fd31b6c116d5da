import { IMPORT_FIELDS, type ImportField, type ImportKind } from '../../shared/domain/import'

// Proposes which record field each CSV column fills, from the column titles.
// Titles are compared loosely ("E-mail", "Email Address" and "email" are the
// same; accents and case do not count, "Straße" is "strasse"), and common
// names from other CRMs and spreadsheets are known, in English, German,
// French and Spanish.

const normal = (title: string) =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '')

/** A company's name: the account's own name in an accounts file, the account a contact or case belongs to in theirs. */
const COMPANY = ['company', 'companyname', 'firma', 'firmenname', 'unternehmen', 'societe', 'entreprise', 'empresa', 'compania']

/** Other names a column may have, per field (compared after `normal`). */
const ALIASES: Record<string, readonly string[]> = {
  name: ['accountname', 'casename', 'subject', 'betreff', 'sujet', 'objet', 'asunto', 'nom', 'nombre', 'bezeichnung'],
  email: ['emailaddress', 'mail', 'emailadresse', 'courriel', 'adressemail', 'adresseemail', 'correo', 'correoelectronico'],
  phone: ['phonenumber', 'telephone', 'tel', 'mobile', 'telefon', 'telefonnummer', 'handy', 'mobil', 'portable', 'telefono', 'movil', 'celular'],
  website: ['web', 'url', 'site', 'webseite', 'internetseite', 'homepage', 'siteweb', 'siteinternet', 'sitioweb', 'paginaweb'],
  industry: ['branche', 'secteur', 'sector', 'industria'],
  number_of_employees: ['employees', 'staff', 'headcount', 'mitarbeiter', 'mitarbeiterzahl', 'effectif', 'empleados'],
  annual_revenue: ['revenue', 'turnover', 'umsatz', 'chiffredaffaires', 'ingresos', 'facturacion'],
  currency: ['wahrung', 'devise', 'moneda'],
  address_line: ['address', 'street', 'addressline1', 'strasse', 'adresse', 'anschrift', 'rue', 'direccion', 'calle'],
  city: ['ort', 'stadt', 'ville', 'ciudad', 'localidad'],
  postcode: ['zip', 'zipcode', 'postalcode', 'postcode', 'plz', 'postleitzahl', 'codepostal', 'cp', 'codigopostal'],
  state: ['region', 'province', 'county', 'bundesland', 'provincia', 'estado', 'departement'],
  country: ['land', 'pays', 'pais', 'countrycode'],
  first_name: ['firstname', 'givenname', 'forename', 'vorname', 'prenom', 'nombre'],
  last_name: ['lastname', 'surname', 'familyname', 'nachname', 'familienname', 'nom', 'nomdefamille', 'apellido', 'apellidos'],
  organization: ['organisation', 'organizacion'],
  title: ['jobtitle', 'position', 'role', 'funktion', 'berufsbezeichnung', 'poste', 'fonction', 'cargo', 'puesto'],
  department: ['abteilung', 'service', 'departamento'],
  linkedin_url: ['linkedin', 'linkedinprofile'],
  do_not_call: ['donotcall', 'nocall'],
  account: ['accountname', 'account', 'customer', 'kunde', 'client', 'cliente', 'compte', 'cuenta'],
  status: ['statut', 'estado'],
  priority: ['prioritat', 'priorite', 'prioridad'],
  case_type: ['type', 'casetype', 'typ', 'tipo'],
  closed_on: ['closed', 'closedon', 'closeddate', 'dateclosed'],
  is_active: ['active', 'aktiv', 'actif', 'activo'],
  tags: ['tag', 'labels', 'label', 'schlagworte', 'schlagwort', 'etiketten', 'etiquettes', 'etiquetas', 'mots cles', 'motscles'],
  assignees: ['assignee', 'assignedto', 'owner', 'accountowner', 'contactowner', 'caseowner', 'zustandig', 'verantwortlich', 'betreuer', 'responsable', 'proprietaire', 'asignado', 'asignadoa'],
  description: ['notes', 'note', 'details', 'beschreibung', 'notizen', 'bemerkung', 'notiz', 'remarques', 'notas', 'descripcion'],
}

/** The field a column title names for this record type, if any. */
export function fieldForTitle(kind: ImportKind, title: string): ImportField | null {
  const key = normal(title)
  if (!key) return null
  const fields: readonly ImportField[] = IMPORT_FIELDS[kind]
  const exact = fields.find((f) => normal(f) === key)
  if (exact) return exact
  if (COMPANY.includes(key)) return kind === 'accounts' ? 'name' : 'account'
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
