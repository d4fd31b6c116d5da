/** True when `error` is SQLite refusing a duplicate in `table.column`. */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes(`${table}.${column}`)
}

/** SQLite or the file system out of space: the save was rolled back (SQLite) or its temp file removed. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_FULL' || code === 'ENOSPC'
}

export const DISK_FULL_MESSAGE = 'The disk is full, so nothing was saved. Free some space and try again.'
