import { seededRandom } from '../../test/support/seeded-random'

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same database on
 * every machine, so two benchmark runs measure the same data.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
const VARIANT = ['8', '9', 'a', 'b']

export class Random {
  /** Uniform in [0, 1). */
  readonly next: () => number

  constructor(seed: number) {
    this.next = seededRandom(seed)
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!
  }

  /** Picks by weight: `weights[i]` is the relative frequency of `list[i]`. */
  weighted<T>(list: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((a, b) => a + b, 0)
    let r = this.next() * total
    for (let i = 0; i < list.length; i++) {
      r -= weights[i]!
      if (r < 0) return list[i]!
    }
    return list[list.length - 1]!
  }

  /** Up to `max` distinct items of `list`. */
  some<T>(list: readonly T[], max: number): T[] {
    const n = this.int(0, max)
    const out = new Set<T>()
    for (let i = 0; i < n; i++) out.add(this.pick(list))
    return [...out]
  }

  /** Eight hex digits from one draw (a lookup table: this runs millions of times). */
  private hex8(): string {
    const v = Math.floor(this.next() * 4294967296)
    return HEX[v >>> 24]! + HEX[(v >>> 16) & 0xff]! + HEX[(v >>> 8) & 0xff]! + HEX[v & 0xff]!
  }

  /** A version-4 UUID, like crypto.randomUUID() makes, but from the seed. */
  uuid(): string {
    const a = this.hex8()
    const b = this.hex8()
    const c = this.hex8()
    const d = this.hex8()
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${VARIANT[c.charCodeAt(0) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`
  }

  /**
   * The `rank`-th of `count` version-4 UUIDs drawn in ascending order, as
   * time-ordered ids (UUIDv7) come: its first 12 hex digits fall in a slice
   * of their range of its own, at a random place in it; the rest is random.
   * Rows inserted with them append to their unique indexes instead of
   * writing at random places in them (see comments.ts).
   */
  ascendingUuid(rank: number, count: number): string {
    const slice = Math.floor(2 ** 48 / count)
    const prefix = Math.floor(rank * (2 ** 48 / count)) + Math.floor(this.next() * slice)
    const high = Math.floor(prefix / 65536)
    const low = prefix % 65536
    const b = this.hex8()
    const c = this.hex8()
    const d = this.hex8()
    const head = HEX[high >>> 24]! + HEX[(high >>> 16) & 0xff]! + HEX[(high >>> 8) & 0xff]! + HEX[high & 0xff]!
    return `${head}-${HEX[low >>> 8]!}${HEX[low & 0xff]!}-4${b.slice(5, 8)}-${VARIANT[c.charCodeAt(0) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`
  }

  /** 64 hex digits, shaped like a SHA-256. */
  sha256(): string {
    let out = ''
    for (let i = 0; i < 8; i++) out += this.hex8()
    return out
  }
}
