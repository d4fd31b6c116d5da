/**
 * The value a "unique ignoring case" column stores: Unicode-aware, unlike
 * SQLite's NOCASE, so "Ärzte" and "ÄRZTE" collide as the server says they do.
 */
export function textKey(value: string): string {
  return value.normalize('NFKC').toLowerCase()
}

/** A LIKE pattern matching `term` anywhere; % and _ in the term match themselves. */
export function containsPattern(term: string): string {
  return `%${textKey(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export const bool = (value: number): boolean => value === 1
export const flag = (value: boolean): number => (value ? 1 : 0)
