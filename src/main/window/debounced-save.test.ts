import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { debouncedSave } from './debounced-save'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

it('saves once, after the changes pause', () => {
  const save = vi.fn()
  const saver = debouncedSave(save, 500)
  for (let i = 0; i < 20; i++) {
    saver.changed()
    vi.advanceTimersByTime(100)
  }
  expect(save).not.toHaveBeenCalled()
  vi.advanceTimersByTime(400)
  expect(save).toHaveBeenCalledTimes(1)
  vi.advanceTimersByTime(5000)
  expect(save).toHaveBeenCalledTimes(1)
})

it('flush saves at once, in place of the waiting save', () => {
  const save = vi.fn()
  const saver = debouncedSave(save, 500)
  saver.changed()
  saver.flush()
  expect(save).toHaveBeenCalledTimes(1)
  vi.advanceTimersByTime(1000)
  expect(save).toHaveBeenCalledTimes(1)
  saver.flush() // on close, even with no change waiting (the window may have been maximized)
  expect(save).toHaveBeenCalledTimes(2)
})
