import { describe, expect, it } from 'vitest'
import { existingTag, tagCreate } from './tags'

// A name typed in a form's tag picker picks the tag the server would take it
// for (the same slug), and is normalised and checked as tag names are.

describe('tag names typed in a form', () => {
  const tags = [{ id: '1', name: 'VIP Customer' }, { id: '2', name: 'Café' }]

  it('an existing tag is found by its slug, whatever the case, accents or separators', () => {
    expect(existingTag('vip-customer', tags)?.id).toBe('1')
    expect(existingTag('  VIP   customer ', tags)?.id).toBe('1')
    expect(existingTag('CAFE', tags)?.id).toBe('2')
    expect(existingTag('VIP', tags)).toBeUndefined()
  })

  it('a new name is trimmed, its invisible characters removed, and refused when blank or too long', () => {
    expect(tagCreate.parse({ name: ' Key\u200b account ' }).name).toBe('Key account')
    expect(tagCreate.safeParse({ name: '   ' }).success).toBe(false)
    expect(tagCreate.safeParse({ name: 'x'.repeat(51) }).success).toBe(false)
  })
})
