import type { CasePriority, ParentType } from './choices'
import type { RecentRecord } from './recent'
import type { CaseListItem } from './records'

/** A record that changed lately, for Home's "Recent activity". */
export interface RecentChange {
  type: ParentType
  id: string
  title: string
  at: string
}

/** Everything Home shows but the mentions, in one answer (home.summary). */
export interface HomeSummary {
  /** Open cases of each priority, Urgent first: how many, and the most recently updated few. */
  byPriority: { priority: CasePriority; total: number; top: CaseListItem[] }[]
  /** Accounts, contacts and cases changed lately, newest first. */
  recent: RecentChange[]
  /** Open cases assigned to the local user: the first few, newest first, and how many in all. */
  mine: { total: number; top: CaseListItem[]; meId: string }
  viewed: RecentRecord[]
}
