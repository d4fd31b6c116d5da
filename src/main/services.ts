import type { Clock } from './db/clock'
import type { Db } from './db/connection'
import type { DatabaseFileWatch } from './db/file-identity'
import type { AttachmentStore } from './attachments/store'
import type { Desktop } from './desktop'
import type { FileGrants } from './security/file-grants'

/** What every handler may use. Built once at start (or per test). */
export interface Services {
  readonly db: Db
  readonly clock: Clock
  readonly files: AttachmentStore
  readonly desktop: Desktop
  /** Paths the user picked or dropped: the only ones the page may name (security/file-grants.ts). */
  readonly grants: FileGrants
  /** Id of the local user: author of comments, creator of records. */
  readonly meId: string
  /** Notices the database file deleted or replaced while the app runs (db/file-identity.ts). */
  readonly databaseFile?: DatabaseFileWatch
  /** Called after every committed local change, so sync can wake up. */
  readonly onLocalChange?: () => void
}
