import { describe, expect, it } from 'vitest'
import { Random } from './random'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('seeded random', () => {
  it('draws version-4 UUIDs in ascending order, the same for the same seed, spread over the whole range', () => {
    for (const count of [1, 7, 100_000]) {
      const draw = () => {
        const r = new Random(99)
        return Array.from({ length: count }, (_, i) => r.ascendingUuid(i, count))
      }
      const ids = draw()
      expect(ids).toEqual(draw())
      expect(ids.filter((id) => !UUID_V4.test(id))).toEqual([])
      expect(ids.findIndex((id, i) => i > 0 && id <= ids[i - 1]!)).toBe(-1)
      if (count > 1) {
        expect(ids[0]! < '1').toBe(true)
        expect(ids[count - 1]! >= 'e').toBe(true)
      }
    }
  })
})
