import { DataFolderInUseError } from '../data-folder-lock'
import { NewerDatabaseError } from '../db/newer-database'

/** Why the data folder could not be opened, sorted by what the user can do about it. */
export type StartFailure =
  /** The folder (or a file in it) cannot be written: permissions, a read-only disk, a file where the folder should be. */
  | { readonly kind: 'not-writable'; readonly dataDir: string; readonly path: string; readonly reason: string }
  /** The database was written by a newer Field CRM; it was left as it is. */
  | { readonly kind: 'newer-version'; readonly dataDir: string; readonly dbPath: string; readonly unknownMigrations: readonly string[] }
  | { readonly kind: 'disk-full'; readonly dataDir: string; readonly reason: string }
  /** Another Field CRM process has the folder open. */
  | { readonly kind: 'in-use'; readonly dataDir: string }
  | { readonly kind: 'other'; readonly dataDir: string; readonly reason: string }

const NOT_WRITABLE = /^(EACCES|EPERM|EROFS|ENOTDIR|EEXIST|SQLITE_READONLY.*|SQLITE_CANTOPEN.*)$/
const DISK_FULL = /^(ENOSPC|EDQUOT|SQLITE_FULL)$/

/** The error and the errors it wraps (a failed migration wraps SQLite's error as its cause). */
function chainOf(error: unknown): unknown[] {
  const chain: unknown[] = []
  for (let e = error; e !== undefined && e !== null && chain.length < 8 && !chain.includes(e); e = (e as { cause?: unknown }).cause) chain.push(e)
  return chain
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Sorts an error thrown while opening `dataDir` into what the start-failure dialog explains. */
export function classifyStartFailure(error: unknown, dataDir: string): StartFailure {
  const chain = chainOf(error)
  const reason = messageOf(error)
  if (chain.some((e) => e instanceof DataFolderInUseError)) return { kind: 'in-use', dataDir }
  const newer = chain.find((e): e is NewerDatabaseError => e instanceof NewerDatabaseError)
  if (newer) return { kind: 'newer-version', dataDir, dbPath: newer.dbPath, unknownMigrations: newer.unknownMigrations }
  if (chain.some((e) => DISK_FULL.test(codeOf(e)))) return { kind: 'disk-full', dataDir, reason }
  const notWritable = chain.find((e) => NOT_WRITABLE.test(codeOf(e)))
  if (notWritable) {
    // Node's file errors name the path; SQLite's do not, so the folder stands for it.
    const path = (notWritable as { path?: unknown }).path
    return { kind: 'not-writable', dataDir, path: typeof path === 'string' ? path : dataDir, reason }
  }
  return { kind: 'other', dataDir, reason }
}
