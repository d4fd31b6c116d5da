import { describe, expect, it } from 'vitest'
import { canonical } from './fields'
import { mergeFields } from './merge'
import { backoffDelay } from './backoff'
import { serverMessage } from './http-errors'

const FIELDS = ['city', 'phone', 'tag_ids', 'annual_revenue']

describe('three-way merge per field', () => {
  const base = { city: 'A', phone: '1', tag_ids: ['t1'], annual_revenue: '10.00' }

  it('keeps local edits, takes server edits, and flags fields both changed differently', () => {
    const local = { city: 'Local', phone: '1', tag_ids: ['t1'], annual_revenue: '10' }
    const server = { city: 'Server', phone: '2', tag_ids: ['t1'], annual_revenue: '10.00' }
    const { apply, conflicts } = mergeFields(FIELDS, base, local, server)
    expect(apply).toEqual({ phone: '2' })
    expect(conflicts).toEqual([{ field: 'city', base: 'A', local: 'Local', server: 'Server' }])
  })

  it('is not a conflict when both sides made the same change, or list order differs', () => {
    const local = { city: 'Same', phone: '1', tag_ids: ['t2', 't1'], annual_revenue: '10.0' }
    const server = { city: 'Same', phone: '1', tag_ids: ['t1', 't2'], annual_revenue: '10.00' }
    expect(mergeFields(FIELDS, base, local, server)).toEqual({ apply: {}, conflicts: [] })
  })

  it('without a snapshot every difference is for the user', () => {
    const { apply, conflicts } = mergeFields(FIELDS, null, { city: 'X' }, { city: 'Y' })
    expect(apply).toEqual({})
    expect(conflicts.map((c) => c.field)).toEqual(['city'])
  })

  it('treats empty text as null and money by its value', () => {
    expect(canonical('city', '')).toBeNull()
    expect(canonical('annual_revenue', '7')).toBe('7.00')
    expect(canonical('tag_ids', null)).toEqual([])
  })
})

describe('backoff and server messages', () => {
  it('waits a random time below an exponentially growing cap', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0.999)).toBe(99)
    expect(backoffDelay(3, 100, 10_000, () => 0.5)).toBe(400)
    expect(backoffDelay(20, 100, 10_000, () => 0.999)).toBe(9990)
  })

  it("reads each of the server's error shapes", () => {
    expect(serverMessage({ error: true, errors: { name: ['Account already exists with this name'] } })).toBe('name: Account already exists with this name')
    expect(serverMessage({ error: true, errors: "You don't have permission" })).toBe("You don't have permission")
    expect(serverMessage({ closed_on: 'Closed date is required when closing a case' })).toBe('closed_on: Closed date is required when closing a case')
    expect(serverMessage({ detail: 'Not found.' })).toBe('Not found.')
  })
})
