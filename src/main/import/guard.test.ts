import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { guardCell } from './export-csv'
import { fieldForTitle, looksLikeHeader, proposeMapping } from './mapping'
import { unguard } from './rows'

describe('the formula guard', () => {
  it('prefixes cells a spreadsheet would run, and leaves others alone', () => {
    expect(['=1+1', '+1 555', '-2', '@SUM(A1)', '\tx', '\rx', "'=x"].map(guardCell)).toEqual([
      "'=1+1", "'+1 555", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "''=x",
    ])
    expect(['Acme', "'quoted", '1=1', ''].map(guardCell)).toEqual(['Acme', "'quoted", '1=1', ''])
  })

  it('is undone exactly by the import for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), (text) => {
      const guarded = guardCell(text)
      expect(guarded).not.toMatch(/^[=+\-@\t\r]/)
      expect(unguard(guarded)).toBe(text)
    }), { numRuns: 2000 })
  })
})

describe('column mapping', () => {
  it('knows field names, loose spellings and common other names', () => {
    expect(fieldForTitle('contacts', 'E-Mail')).toBe('email')
    expect(fieldForTitle('contacts', 'Surname')).toBe('last_name')
    expect(fieldForTitle('contacts', 'Company')).toBe('organization')
    expect(fieldForTitle('accounts', 'Company')).toBe('name')
    expect(fieldForTitle('contacts', 'Title')).toBe('title')
    expect(fieldForTitle('cases', 'Type')).toBe('case_type')
    expect(fieldForTitle('cases', 'Zip')).toBeNull()
  })

  it('proposes each field once and detects a header row', () => {
    expect(proposeMapping('accounts', ['Name', 'Company', 'Email', '???'])).toEqual(['name', null, 'email', null])
    expect(looksLikeHeader('accounts', ['Acme', 'a@b.test'])).toBe(false)
    expect(looksLikeHeader('accounts', ['Acme', 'Website'])).toBe(true)
  })
})
