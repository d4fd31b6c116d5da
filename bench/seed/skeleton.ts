import { Random } from './random'
import * as W from './words'

// What every part of the generated book agrees on before any row is written:
// the sizes, the years it spans, each record's id, creation time and place,
// and the ids of the lookups. Comments and case links are built in a second
// process (second-process.ts); both processes draw this skeleton from its own
// seeded stream, so they refer to the same records without sending anything
// to each other.

export interface SeedSizes {
  accounts: number
  contacts: number
  cases: number
  comments: number
  attachments: number
}

export const FULL_SIZES: SeedSizes = Object.freeze({ accounts: 100_000, contacts: 300_000, cases: 500_000, comments: 2_000_000, attachments: 50_000 })
export const SMALL_SIZES: SeedSizes = Object.freeze({ accounts: 1_000, contacts: 3_000, cases: 5_000, comments: 20_000, attachments: 500 })

export const START = Date.parse('2021-01-04T08:00:00Z')
export const END = Date.parse('2026-11-20T18:00:00Z')
export const DAY = 86_400_000

/** Seeds of the independent random streams, derived from the one seed of a build. */
export const streamSeed = Object.freeze({
  skeleton: (seed: number) => seed + 1,
  records: (seed: number) => seed,
  comments: (seed: number) => seed + 2,
  caseLinks: (seed: number) => seed + 3,
})

/** Skewed picks: a few big, old customers own much of the work, as in a real book. */
export function skewedIndex(r: Random, n: number): number {
  return Math.min(n - 1, Math.floor(n * Math.pow(r.next(), 1.6)))
}

/** Who a record is assigned to: mostly one user, sometimes nobody or up to three. */
export function someAssignees(r: Random, users: readonly string[]): string[] {
  return r.chance(0.1) ? [] : r.chance(0.85) ? [r.pick(users)] : r.some(users, 3)
}

export interface Skeleton {
  /** The user of this laptop first. */
  users: string[]
  tags: string[]
  teams: string[]
  accounts: { ids: string[]; created: Float64Array; city: W.City[] }
  /** `account[i]` is the index of contact i's account, or -1. */
  contacts: { ids: string[]; created: Float64Array; account: Int32Array }
  /** `account[i]` is the index of case i's account, or -1; big, old customers own the most. */
  cases: { ids: string[]; created: Float64Array; account: Int32Array }
}

export function planSkeleton(seed: number, sizes: SeedSizes): Skeleton {
  const r = new Random(streamSeed.skeleton(seed))
  // Creation times climb with the row number over the years, plus up to a day; so do the
  // ids, as time-ordered UUIDs would (and their unique indexes are appended to, not written at random).
  const span = (i: number, n: number) => START + ((END - START - 30 * DAY) * i) / n + r.int(0, DAY)

  const users = Array.from({ length: 1 + W.USER_NAMES.length }, () => r.uuid())
  const tags = W.TAG_NAMES.map(() => r.uuid())
  const teams = W.TEAM_NAMES.map(() => r.uuid())

  const accounts = { ids: new Array<string>(sizes.accounts), created: new Float64Array(sizes.accounts), city: new Array<W.City>(sizes.accounts) }
  for (let i = 0; i < sizes.accounts; i++) {
    accounts.ids[i] = r.ascendingUuid(i, sizes.accounts)
    accounts.created[i] = span(i, sizes.accounts)
    accounts.city[i] = r.pick(W.CITIES)
  }

  // Most contacts belong to an account, in the account's order, so an account's contacts are a range.
  const contacts = { ids: new Array<string>(sizes.contacts), created: new Float64Array(sizes.contacts), account: new Int32Array(sizes.contacts) }
  for (let i = 0; i < sizes.contacts; i++) {
    const a = r.chance(0.9) ? Math.floor((i * sizes.accounts) / sizes.contacts) : -1
    contacts.ids[i] = r.ascendingUuid(i, sizes.contacts)
    contacts.account[i] = a
    contacts.created[i] = a >= 0 ? Math.min(END - DAY, accounts.created[a]! + r.int(0, 60 * DAY)) : span(i, sizes.contacts)
  }

  const cases = { ids: new Array<string>(sizes.cases), created: new Float64Array(sizes.cases), account: new Int32Array(sizes.cases) }
  for (let i = 0; i < sizes.cases; i++) {
    cases.ids[i] = r.ascendingUuid(i, sizes.cases)
    cases.created[i] = span(i, sizes.cases)
    cases.account[i] = r.chance(0.97) ? skewedIndex(r, sizes.accounts) : -1
  }
  return { users, tags, teams, accounts, contacts, cases }
}
