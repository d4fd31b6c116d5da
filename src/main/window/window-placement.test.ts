import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_WINDOW_STATE, type Rectangle, type WindowState } from './window-state'
import { MINIMUM_WINDOW_SIZE, placeWindow } from './window-placement'

// Work areas as Electron reports them: the primary display first, a task bar taken off.
const LAPTOP: Rectangle = { x: 0, y: 0, width: 1440, height: 860 }
const LEFT_MONITOR: Rectangle = { x: -2560, y: -300, width: 2560, height: 1400 }
const SMALL: Rectangle = { x: 0, y: 0, width: 800, height: 500 }

const at = (bounds: Rectangle, flags: Partial<WindowState> = {}): WindowState => ({ bounds, maximized: false, fullScreen: false, ...flags })

function inside(inner: Rectangle, outer: Rectangle): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height
}

describe('placeWindow', () => {
  it('opens a first window at the default size, centred on the primary display', () => {
    expect(placeWindow(DEFAULT_WINDOW_STATE, [LAPTOP, LEFT_MONITOR])).toEqual({
      bounds: { x: 80, y: 20, width: 1280, height: 820 },
      maximized: false,
      fullScreen: false,
    })
  })

  it('keeps a window that is wholly on a display where it was', () => {
    const bounds = { x: -2400, y: -200, width: 1600, height: 1000 }
    expect(placeWindow(at(bounds), [LAPTOP, LEFT_MONITOR]).bounds).toEqual(bounds)
  })

  it('moves a window whose display was unplugged back onto the primary display, centred', () => {
    const onTheMonitor = at({ x: -2400, y: -200, width: 1200, height: 800 }, { maximized: true })
    expect(placeWindow(onTheMonitor, [LAPTOP])).toEqual({ bounds: { x: 120, y: 30, width: 1200, height: 800 }, maximized: true, fullScreen: false })
  })

  it('moves a window hanging off the edge of its display back inside it', () => {
    expect(placeWindow(at({ x: 1000, y: 600, width: 1000, height: 700 }), [LAPTOP]).bounds).toEqual({ x: 440, y: 160, width: 1000, height: 700 })
    expect(placeWindow(at({ x: -300, y: -50, width: 1000, height: 700 }), [LAPTOP]).bounds).toEqual({ x: 0, y: 0, width: 1000, height: 700 })
  })

  it('puts a window across two displays on the one it covers most', () => {
    const mostlyLeft = at({ x: -900, y: 0, width: 1200, height: 800 })
    const placed = placeWindow(mostlyLeft, [LAPTOP, LEFT_MONITOR]).bounds
    expect(inside(placed, LEFT_MONITOR)).toBe(true)
    expect(placed).toEqual({ x: -1200, y: 0, width: 1200, height: 800 })
  })

  it('shrinks a window larger than its display, but never below the minimum size', () => {
    expect(placeWindow(at({ x: 0, y: 0, width: 3000, height: 2000 }), [LAPTOP]).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 860 })
    expect(placeWindow(at({ x: 0, y: 0, width: 1200, height: 800 }), [SMALL]).bounds).toEqual({ x: 0, y: 0, ...MINIMUM_WINDOW_SIZE })
    expect(placeWindow(DEFAULT_WINDOW_STATE, [SMALL]).bounds).toEqual({ x: 0, y: 0, ...MINIMUM_WINDOW_SIZE })
  })

  it('grows a saved window smaller than the minimum size', () => {
    expect(placeWindow(at({ x: 100, y: 100, width: 300, height: 200 }), [LAPTOP]).bounds).toEqual({ x: 100, y: 100, ...MINIMUM_WINDOW_SIZE })
  })

  it('keeps maximized and full-screen', () => {
    expect(placeWindow(at({ x: 10, y: 10, width: 1000, height: 700 }, { fullScreen: true }), [LAPTOP])).toMatchObject({ maximized: false, fullScreen: true })
  })

  it('without any display reported, still gives a usable size', () => {
    expect(placeWindow(at({ x: 5000, y: 5000, width: 100, height: 100 }), []).bounds).toEqual({ x: 0, y: 0, ...MINIMUM_WINDOW_SIZE })
  })

  it('always places any saved window wholly on a display large enough for it', () => {
    const rect = fc.record({
      x: fc.integer({ min: -100_000, max: 100_000 }),
      y: fc.integer({ min: -100_000, max: 100_000 }),
      width: fc.integer({ min: 1, max: 100_000 }),
      height: fc.integer({ min: 1, max: 100_000 }),
    })
    const area = fc.record({
      x: fc.integer({ min: -10_000, max: 10_000 }),
      y: fc.integer({ min: -10_000, max: 10_000 }),
      width: fc.integer({ min: 900, max: 8000 }),
      height: fc.integer({ min: 560, max: 5000 }),
    })
    fc.assert(
      fc.property(rect, fc.array(area, { minLength: 1, maxLength: 4 }), (bounds, areas) => {
        const placed = placeWindow(at(bounds), areas).bounds
        expect(areas.some((a) => inside(placed, a))).toBe(true)
        expect(placed.width).toBeGreaterThanOrEqual(MINIMUM_WINDOW_SIZE.width)
        expect(placed.height).toBeGreaterThanOrEqual(MINIMUM_WINDOW_SIZE.height)
      }),
    )
  })
})
