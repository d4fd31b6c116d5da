import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { guardCell, unguard } from './csv-cells'
import { fieldForTitle, looksLikeHeader, proposeMapping } from './mapping'

describe('the formula guard', () => {
  it('prefixes cells a spreadsheet would run, and leaves others alone', () => {
    expect(['=1+1', '+1 555', '-2', '@SUM(A1)', '\tx', '\rx', "'=x"].map(guardCell)).toEqual([
      "'=1+1", "'+1 555", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "''=x",
    ])
    expect(['Acme', "'quoted", '1=1', ''].map(guardCell)).toEqual(['Acme', "'quoted", '1=1', ''])
  })

  it('also guards every place a spreadsheet splitting at a list separator would start a cell', () => {
    expect(["Acme;=cmd|' /C calc'!A0", 'a,+1', 'a|@x', 'a; -2', 'a\t=b', "a;'=b", 'a;b=c']).toEqual(
      ["Acme;=cmd|' /C calc'!A0", 'a,+1', 'a|@x', 'a; -2', 'a\t=b', "a;'=b", 'a;b=c'],
    )
    expect(["Acme;=cmd|' /C calc'!A0", 'a,+1', 'a|@x', 'a; -2', 'a\t=b', "a;'=b", 'a;b=c'].map(guardCell)).toEqual(
      ["Acme;'=cmd|' /C calc'!A0", "a,'+1", "a|'@x", "a; '-2", "a\t'=b", "a;''=b", 'a;b=c'],
    )
  })

  it('is undone exactly by the import for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), (text) => {
      const guarded = guardCell(text)
      expect(guarded).not.toMatch(/(?:^|[,;\t|]) *[=+\-@\t\r]/)
      expect(unguard(guarded)).toBe(text)
    }), { numRuns: 2000 })
    const separatorsAndFormulas = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', ',', ';', '|', ' ', "'", 'a') })
    fc.assert(fc.property(separatorsAndFormulas, (text) => {
      const guarded = guardCell(text)
      expect(guarded).not.toMatch(/(?:^|[,;\t|]) *[=+\-@\t\r]/)
      expect(unguard(guarded)).toBe(text)
    }), { numRuns: 5000 })
  })
})

describe('column mapping', () => {
  it('knows field names, loose spellings and common other names', () => {
    expect(fieldForTitle('contacts', 'E-Mail')).toBe('email')
    expect(fieldForTitle('contacts', 'Surname')).toBe('last_name')
    // A contact's company is the account it belongs to; the organization field keeps its own name.
    expect(fieldForTitle('contacts', 'Company')).toBe('account')
    expect(fieldForTitle('contacts', 'Organisation')).toBe('organization')
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
