import { describe, expect, it } from 'vitest'
import { proposeMapping } from './mapping'

// Column titles from spreadsheets in other languages, and "Company" meaning
// the account a contact or case belongs to.

describe('proposed mapping', () => {
  it('knows German contact columns', () => {
    expect(proposeMapping('contacts', ['Vorname', 'Nachname', 'Firma', 'Straße', 'PLZ', 'Ort', 'Land', 'Telefon', 'E-Mail', 'Abteilung', 'Position'])).toEqual([
      'first_name', 'last_name', 'account', 'address_line', 'postcode', 'city', 'country', 'phone', 'email', 'department', 'title',
    ])
  })

  it('knows French and Spanish contact columns', () => {
    expect(proposeMapping('contacts', ['Prénom', 'Nom', 'Société', 'Adresse', 'Code postal', 'Ville', 'Pays', 'Téléphone', 'Courriel'])).toEqual([
      'first_name', 'last_name', 'account', 'address_line', 'postcode', 'city', 'country', 'phone', 'email',
    ])
    expect(proposeMapping('contacts', ['Nombre', 'Apellidos', 'Empresa', 'Dirección', 'Código postal', 'Ciudad', 'País', 'Teléfono', 'Correo electrónico', 'Cargo'])).toEqual([
      'first_name', 'last_name', 'account', 'address_line', 'postcode', 'city', 'country', 'phone', 'email', 'title',
    ])
  })

  it('reads "Company" as the account of a contact or case, and as the name in an accounts file', () => {
    expect(proposeMapping('contacts', ['First name', 'Last name', 'Company', 'Organisation'])).toEqual(['first_name', 'last_name', 'account', 'organization'])
    expect(proposeMapping('cases', ['Subject', 'Status', 'Priority', 'Company'])).toEqual(['name', 'status', 'priority', 'account'])
    expect(proposeMapping('accounts', ['Company', 'Ort', 'PLZ', 'Branche', 'Webseite'])).toEqual(['name', 'city', 'postcode', 'industry', 'website'])
    expect(proposeMapping('accounts', ['Firma', 'Straße', 'Land'])).toEqual(['name', 'address_line', 'country'])
  })

  it('takes a field once, and leaves unknown columns unmapped', () => {
    expect(proposeMapping('contacts', ['E-Mail', 'Email', 'Lieblingsfarbe'])).toEqual(['email', null, null])
    expect(proposeMapping('cases', ['Betreff', 'Estado', 'Priorität'])).toEqual(['name', 'status', 'priority'])
  })
})
