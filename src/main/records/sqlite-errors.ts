/** True when `error` is SQLite refusing a duplicate in `table.column`. */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes(`${table}.${column}`)
}
