import { describe, expect, it } from 'vitest'
import { withReopenRule } from './reopen'

describe('reopening a case', () => {
  it('clears the closing date when a closed, rejected or duplicate case goes back to an open status', () => {
    expect(withReopenRule('Closed', { status: 'New' })).toEqual({ status: 'New', closed_on: null })
    expect(withReopenRule('Rejected', { status: 'Pending', closed_on: '2026-01-02' })).toEqual({ status: 'Pending', closed_on: null })
    expect(withReopenRule('Duplicate', { status: 'Assigned' })).toEqual({ status: 'Assigned', closed_on: null })
  })

  it('leaves every other edit as it is', () => {
    expect(withReopenRule('Closed', { name: 'Renamed' })).toEqual({ name: 'Renamed' })
    expect(withReopenRule('Closed', { status: 'Rejected' })).toEqual({ status: 'Rejected' })
    expect(withReopenRule('New', { status: 'Pending' })).toEqual({ status: 'Pending' })
    expect(withReopenRule('New', { status: 'Closed', closed_on: '2026-01-02' })).toEqual({ status: 'Closed', closed_on: '2026-01-02' })
  })
})
