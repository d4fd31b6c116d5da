/** What the crash child prints, one JSON line per event. */
export type CrashTable = 'accounts' | 'contacts' | 'cases' | 'comments' | 'attachments'

export type CrashEvent =
  | { op: 'ready' }
  /** Committed: the handler resolved. `parent` is the record it hangs under; `sha256` the file's content hash. */
  | { op: 'created'; table: CrashTable; id: string; parent?: string; sha256?: string }
  /** About to delete: from here on the record may be gone. */
  | { op: 'deleting'; table: CrashTable; id: string }
  | { op: 'deleted'; table: CrashTable; id: string }
