import type { Rectangle, WindowState } from './window-state'

export interface Size {
  readonly width: number
  readonly height: number
}

/** The window's size before the user has chosen one. */
export const DEFAULT_WINDOW_SIZE: Size = Object.freeze({ width: 1280, height: 820 })
/** The smallest window the layout works in. */
export const MINIMUM_WINDOW_SIZE: Size = Object.freeze({ width: 900, height: 560 })

/** Where to open the window: bounds on a current display, and whether to maximize it or make it full-screen. */
export interface WindowPlacement {
  readonly bounds: Rectangle
  readonly maximized: boolean
  readonly fullScreen: boolean
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/** `value` moved into [low, high]; `low` when the range is empty (the window is larger than the area). */
function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, high))
}

/**
 * Places the saved window on the displays there are now. `workAreas` are the
 * displays' work areas (the screen without task bar and dock), the primary
 * display first. The window goes on the display it overlaps most, moved and
 * shrunk as needed to lie wholly inside its work area; a window on no current
 * display (one since unplugged), or never saved, is centred on the primary
 * display. It is never smaller than `minimum`, even on a smaller screen.
 */
export function placeWindow(state: WindowState, workAreas: readonly Rectangle[], minimum: Size = MINIMUM_WINDOW_SIZE, preferred: Size = DEFAULT_WINDOW_SIZE): WindowPlacement {
  const wanted = state.bounds
  const { maximized, fullScreen } = state
  const primary = workAreas[0]
  if (!primary) {
    const size = wanted ?? preferred
    return { bounds: { x: 0, y: 0, width: Math.max(size.width, minimum.width), height: Math.max(size.height, minimum.height) }, maximized, fullScreen }
  }
  let area = primary
  let best = 0
  if (wanted) {
    for (const candidate of workAreas) {
      const shared = overlap(wanted, candidate)
      if (shared > best) [area, best] = [candidate, shared]
    }
  }
  const size = wanted ?? preferred
  const width = Math.max(minimum.width, Math.min(size.width, area.width))
  const height = Math.max(minimum.height, Math.min(size.height, area.height))
  const onScreen = wanted !== null && best > 0
  const x = onScreen ? clamp(wanted.x, area.x, area.x + area.width - width) : area.x + Math.max(0, Math.floor((area.width - width) / 2))
  const y = onScreen ? clamp(wanted.y, area.y, area.y + area.height - height) : area.y + Math.max(0, Math.floor((area.height - height) / 2))
  return { bounds: { x, y, width, height }, maximized, fullScreen }
}
