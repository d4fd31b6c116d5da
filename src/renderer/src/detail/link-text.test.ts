import { describe, expect, it } from 'vitest'
import { telHref } from './link-text'

// Each form here is one the main process hands to the system (src/main/security/navigation.test.ts, phone links).
describe('telHref', () => {
  it('dials the digits, keeping a leading + and an extension', () => {
    expect(telHref('+1 (555) 010-2030')).toBe('tel:+15550102030')
    expect(telHref('020 7946 0958')).toBe('tel:02079460958')
    expect(telHref('+44 20 7946 0958 ext. 12')).toBe('tel:+442079460958;ext=12')
    expect(telHref('555-0100 x7')).toBe('tel:5550100;ext=7')
  })

  it('makes no link of text with nothing to dial', () => {
    expect(telHref('call reception')).toBeNull()
    expect(telHref('12')).toBeNull()
  })
})
