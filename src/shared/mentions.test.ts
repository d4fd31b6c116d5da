import { describe, expect, it } from 'vitest'
import { handleOf, mentionQueryAt, mentions, mentionSegments } from './mentions'

describe('mentions', () => {
  it('reads handles as the server does: the local part, not inside an address, case-insensitive', () => {
    expect(handleOf('Jane.Doe@acme.com')).toBe('Jane.Doe')
    expect(handleOf('')).toBeNull()
    expect(mentions('ping @jane.doe, please', 'jane.doe')).toBe(true)
    expect(mentions('ping @JANE.DOE!', 'jane.doe')).toBe(true)
    expect(mentions('write to bob@jane.doe', 'jane.doe')).toBe(false)
    // The server keeps a trailing dot in the handle, so this one resolves to nobody.
    expect(mentions('thanks @jane.doe.', 'jane.doe')).toBe(false)
  })

  it('splits text into runs and known mentions only', () => {
    expect(mentionSegments('hi @ann and @nobody <b>', new Set(['ann']))).toEqual([{ text: 'hi ' }, { text: '@ann', handle: 'ann' }, { text: ' and @nobody <b>' }])
  })

  it('finds the handle being typed before the caret', () => {
    expect(mentionQueryAt('hello @an', 9)).toEqual({ start: 6, query: 'an' })
    expect(mentionQueryAt('hello @', 7)).toEqual({ start: 6, query: '' })
    expect(mentionQueryAt('mail a@b', 8)).toBeNull()
    expect(mentionQueryAt('@ann done', 9)).toBeNull()
  })
})
