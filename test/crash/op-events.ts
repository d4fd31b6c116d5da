/** The operations the operation crash test repeats and kills. */
export type OpKind = 'restore' | 'import' | 'update' | 'comment' | 'large-attachment'

/** What the operation crash child prints, one JSON line per event. */
export type OpEvent =
  | { op: 'ready' }
  /** An operation starts; for an edit, the record and the value it writes. */
  | { op: 'begin'; tag: string; id?: string; value?: string }
  /** A record the operation created is committed; `value`, for a comment, is its body. */
  | { op: 'created'; tag: string; table: 'comments' | 'attachments'; id: string; value?: string }
  /** The operation resolved: committed, in `ms` milliseconds. */
  | { op: 'end'; tag: string; ms: number }
