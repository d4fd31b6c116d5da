import type BetterSqlite3 from 'better-sqlite3'
import { Random } from './random'
import { skewedIndex, streamSeed, DAY, END, type Skeleton } from './skeleton'
import * as W from './words'

// Comments: two thirds of the rows, drawn from a stream of their own so the
// second process can write them (second-process.ts).

const PARENT_KINDS = [0, 1, 2] as const // account, contact, case
const PARENT_WEIGHTS = [20, 10, 70]

/** Writes `count` comments, mostly on cases, then accounts, then contacts, each after its parent was created. */
export function insertComments(db: BetterSqlite3.Database, sk: Skeleton, seed: number, count: number): void {
  const r = new Random(streamSeed.comments(seed))
  const insert = db.prepare(`INSERT INTO comments (id, remote_id, created_at, updated_at, account_id, contact_id, case_id, body,
    is_internal, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const batch = 250_000
  for (let from = 0; from < count; from += batch) {
    db.transaction(() => {
      for (let i = from; i < Math.min(count, from + batch); i++) {
        const kind = r.weighted(PARENT_KINDS, PARENT_WEIGHTS)
        let account: string | null = null
        let contact: string | null = null
        let kase: string | null = null
        let parentCreated: number
        let city: string
        if (kind === 0) {
          const a = skewedIndex(r, sk.accounts.ids.length)
          account = sk.accounts.ids[a]!
          parentCreated = sk.accounts.created[a]!
          city = sk.accounts.city[a]!.name
        } else if (kind === 1) {
          const c = r.int(0, sk.contacts.ids.length - 1)
          contact = sk.contacts.ids[c]!
          parentCreated = sk.contacts.created[c]!
          city = r.pick(W.CITIES).name
        } else {
          const c = r.int(0, sk.cases.ids.length - 1)
          kase = sk.cases.ids[c]!
          parentCreated = sk.cases.created[c]!
          city = r.pick(W.CITIES).name
        }
        const created = new Date(parentCreated + Math.floor(r.next() * Math.min(END - parentCreated, 45 * DAY))).toISOString()
        const body = W.fillTemplate(r.pick(W.COMMENT_TEMPLATES), r, city).slice(0, 255)
        insert.run(r.ascendingUuid(i, count), r.ascendingUuid(i, count), created, created, account, contact, kase, body, kase && r.chance(0.2) ? 1 : 0, r.pick(sk.users))
      }
    })()
  }
}
