import { describe, expect, it } from 'vitest'
import { MAILTO_MAX, mailtoLink } from './mailto'

describe('mailto link', () => {
  it('encodes addresses, subject and body', () => {
    expect(mailtoLink(['a@b.co', 'c+d@e.co'], 'Hi & bye', 'Line 1\nLine 2').href).toBe('mailto:a%40b.co,c%2Bd%40e.co?subject=Hi%20%26%20bye&body=Line%201%0ALine%202')
  })
  it('stays within the cap, shortening the body and saying so', () => {
    const { href, shortened } = mailtoLink(['a@b.co'], 'Long', 'ü'.repeat(5_000))
    expect(shortened).toBe(true)
    expect(href.length).toBeLessThanOrEqual(MAILTO_MAX)
    expect(decodeURIComponent(href.split('body=')[1]!)).toMatch(/shortened/)
  })
})
