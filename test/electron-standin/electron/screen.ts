import { EventEmitter } from 'node:events'
import { app } from './app'
import type { Rectangle } from './browser-window'

// Follows docs/api/screen.md: usable once the app is ready; each display has
// bounds and a workArea (without task bars). The stand-in's displays come from
// STANDIN_DISPLAYS (a JSON list of { bounds, workArea }), or one 1920×1080.

interface Display {
  id: number
  bounds: Rectangle
  workArea: Rectangle
  scaleFactor: number
}

function displays(): Display[] {
  if (!app.isReady()) throw new Error("The 'screen' module can't be used before the app 'ready' event")
  const given = JSON.parse(process.env['STANDIN_DISPLAYS'] ?? 'null') as Array<{ bounds: Rectangle; workArea?: Rectangle }> | null
  const list = given ?? [{ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]
  return list.map((d, i) => ({ id: i + 1, bounds: d.bounds, workArea: d.workArea ?? d.bounds, scaleFactor: 1 }))
}

class Screen extends EventEmitter {
  getAllDisplays(): Display[] {
    return displays()
  }
  getPrimaryDisplay(): Display {
    return displays()[0]!
  }
  getDisplayMatching(rect: Rectangle): Display {
    const overlap = (d: Display) =>
      Math.max(0, Math.min(rect.x + rect.width, d.bounds.x + d.bounds.width) - Math.max(rect.x, d.bounds.x)) *
      Math.max(0, Math.min(rect.y + rect.height, d.bounds.y + d.bounds.height) - Math.max(rect.y, d.bounds.y))
    return displays().reduce((best, d) => (overlap(d) > overlap(best) ? d : best))
  }
}

export const screen = new Screen()
