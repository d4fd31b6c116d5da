import { sql, type RawBuilder, type SqlBool } from 'kysely'

/**
 * The value a "unique ignoring case" column stores: Unicode-aware, unlike
 * SQLite's NOCASE, so "Ärzte" and "ÄRZTE" collide as the server says they do.
 */
export function textKey(value: string): string {
  return value.normalize('NFKC').toLowerCase()
}

/**
 * The city_key the trigger would write (text_key(city)), given with the insert:
 * left to the trigger, every new row with a city was updated again right after
 * its insert (two index entries rewritten), a third of an import's row.
 */
export function cityKey(city: unknown): string | null {
  return typeof city === 'string' ? textKey(city) : null
}

/** A LIKE pattern matching `term` anywhere; % and _ in the term match themselves (with ESCAPE '\\'). */
export function containsPattern(term: string): string {
  return `%${textKey(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * `column` (a `*_key` column, already a textKey) contains the term whose
 * containsPattern is `pattern` (bound as a value of a prepared query). The
 * ESCAPE clause is what makes the pattern's backslashes mean "literally".
 */
export function keyLike(column: string, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`
}

export const bool = (value: number): boolean => value === 1
export const flag = (value: boolean): number => (value ? 1 : 0)
