import { describe, expect, it } from 'vitest'
import { accountCreate } from './accounts'
import { phone, url } from './fields'
import { wholeNumber } from './whole-number'

// What people type into the forms (and spreadsheets hold) is read as they meant
// it, and what cannot be read gets a message saying what to write instead.

describe('a count of employees', () => {
  const employees = wholeNumber(100_000_000)
  it('reads thousands separators and plain digits', () => {
    expect(employees.parse('1,200')).toBe(1200)
    expect(employees.parse('1 200 000')).toBe(1_200_000)
    expect(employees.parse(' 42 ')).toBe(42)
    expect(employees.parse(7)).toBe(7)
    expect(employees.parse('')).toBeNull()
    expect(accountCreate.parse({ name: 'A', number_of_employees: '1,200' }).number_of_employees).toBe(1200)
  })
  it('refuses the rest in words, not in types', () => {
    const message = (v: unknown) => employees.safeParse(v).error?.issues[0]?.message
    expect(message('1,5')).toBe('A whole number from 0 to 100,000,000, such as 1200')
    expect(message('about 50')).toBe('A whole number from 0 to 100,000,000, such as 1200')
    expect(message('-3')).toBe('Cannot be negative')
    expect(message(2.5)).toBe('A whole number from 0 to 100,000,000, such as 1200')
    expect(message('200,000,000')).toBe('A whole number from 0 to 100,000,000, such as 1200')
  })
})

describe('a website', () => {
  it('gets https:// when it is typed without a scheme', () => {
    expect(url.parse('brightwater.example')).toBe('https://brightwater.example')
    expect(url.parse('www.brightwater.example/about')).toBe('https://www.brightwater.example/about')
    expect(url.parse('http://brightwater.example')).toBe('http://brightwater.example')
  })
  it('still refuses what is no web address, saying what to write', () => {
    for (const bad of ['javascript:alert(1)', 'ftp://files.example', 'not a site']) {
      expect(url.safeParse(bad).error?.issues[0]?.message).toBe('A web address, such as example.com or https://example.com')
    }
  })
})

describe('a phone number', () => {
  it('accepts an extension, kept in the characters the server allows', () => {
    expect(phone.parse('+1 555 123 4567 ext. 89')).toBe('+1 555 123 4567-89')
    expect(phone.parse('030 1234567 x12')).toBe('030 1234567-12')
    expect(phone.parse('030 1234567 #12')).toBe('030 1234567-12')
    expect(phone.parse('+49 30 1234567-89')).toBe('+49 30 1234567-89')
  })
  it('refuses words with a message that says how to write one', () => {
    expect(phone.safeParse('call me').error?.issues[0]?.message).toMatch(/7 to 25 digits.*ext\. 12/)
  })
})
