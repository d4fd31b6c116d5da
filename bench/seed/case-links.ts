import type BetterSqlite3 from 'better-sqlite3'
import { insertLinks } from './bulk-load'
import { Random } from './random'
import { someAssignees, streamSeed, type Skeleton } from './skeleton'

// Each case's contact (one of its account's), tags, assignees and team: a
// third of the rows the records bring, drawn from a stream of their own so
// the second process can write them (second-process.ts).

export function insertCaseLinks(db: BetterSqlite3.Database, sk: Skeleton, seed: number): void {
  const r = new Random(streamSeed.caseLinks(seed))
  const contactsPerAccount = sk.contacts.ids.length / sk.accounts.ids.length
  const contacts: [string, string][] = []
  const tags: [string, string][] = []
  const assignees: [string, string][] = []
  const teams: [string, string][] = []
  for (let i = 0; i < sk.cases.ids.length; i++) {
    const id = sk.cases.ids[i]!
    const a = sk.cases.account[i]!
    if (a >= 0 && r.chance(0.8)) {
      const c = Math.floor(a * contactsPerAccount) + r.int(0, Math.max(0, Math.floor(contactsPerAccount) - 1))
      if (c < sk.contacts.ids.length && sk.contacts.account[c] === a) contacts.push([id, sk.contacts.ids[c]!])
    }
    for (const t of r.some(sk.tags, 2)) tags.push([id, t])
    for (const u of someAssignees(r, sk.users)) assignees.push([id, u])
    if (r.chance(0.2)) teams.push([id, r.pick(sk.teams)])
  }
  insertLinks(db, 'case_contacts', ['case_id', 'contact_id'], contacts)
  insertLinks(db, 'case_tags', ['case_id', 'tag_id'], tags)
  insertLinks(db, 'case_assignees', ['case_id', 'user_id'], assignees)
  insertLinks(db, 'case_teams', ['case_id', 'team_id'], teams)
}
