import { randomUUID } from 'node:crypto'
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

/** The file in the data folder that remembers the window. */
export const WINDOW_STATE_FILE = 'window-state.json'

/** A screen rectangle in Electron's device-independent pixels. */
export interface Rectangle {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** Where the window was: its normal (not maximized, not full-screen) bounds, and whether it was maximized or full-screen. */
export interface WindowState {
  /** Null until a window has been saved: the app then picks its default size. */
  readonly bounds: Rectangle | null
  readonly maximized: boolean
  readonly fullScreen: boolean
}

export const DEFAULT_WINDOW_STATE: WindowState = Object.freeze({ bounds: null, maximized: false, fullScreen: false })

// Far beyond any real desktop (a wall of 8K screens), small enough that sums of them stay exact.
const COORDINATE = z.number().min(-100_000).max(100_000)
const SIZE = z.number().min(1).max(100_000)

const StoredWindowState = z.object({
  bounds: z.object({ x: COORDINATE, y: COORDINATE, width: SIZE, height: SIZE }),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
})

/** Larger than any state this app writes: such a file is not ours, and is not read. */
const MAX_FILE_BYTES = 4096

/**
 * The state saved in `dataDir`, or the defaults when there is none or it is
 * not usable (not JSON, wrong shape, absurd numbers): a bad file only costs the
 * window its place, so this never throws.
 */
export function loadWindowState(dataDir: string): WindowState {
  const path = join(dataDir, WINDOW_STATE_FILE)
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return DEFAULT_WINDOW_STATE
    const parsed = StoredWindowState.safeParse(JSON.parse(readFileSync(path, 'utf8')))
    if (!parsed.success) return DEFAULT_WINDOW_STATE
    const { bounds, maximized, fullScreen } = parsed.data
    const round = Math.round
    return { bounds: { x: round(bounds.x), y: round(bounds.y), width: round(bounds.width), height: round(bounds.height) }, maximized, fullScreen }
  } catch {
    return DEFAULT_WINDOW_STATE
  }
}

/**
 * Saves the state in `dataDir`: written beside the file under a temporary
 * name, then renamed over it, so a crash leaves the old file or the new one,
 * never half of one. Synchronous, because it runs as the window closes.
 * Returns false (and leaves no temporary file) when it could not be saved.
 */
export function saveWindowState(dataDir: string, state: WindowState): boolean {
  const path = join(dataDir, WINDOW_STATE_FILE)
  const temp = `${path}.${randomUUID()}.tmp`
  try {
    writeFileSync(temp, JSON.stringify(state))
    renameSync(temp, path)
    return true
  } catch {
    rmSync(temp, { force: true })
    return false
  }
}
