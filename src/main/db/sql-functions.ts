import type BetterSqlite3 from 'better-sqlite3'
import { textKey } from '../records/keys'
import { gramText } from '../search/grams'

/**
 * The JavaScript functions the schema's triggers call, registered on every
 * connection that writes (the app's and the benchmark's bulk load):
 * - text_key(text): Unicode-aware case folding for keys of plain text
 *   columns (city, migrations/0004): SQLite's own folds only ASCII;
 * - gram_text(key, offset): a column of a substring index (search/grams.ts,
 *   migrations/0010).
 */
export function registerSqlFunctions(sqlite: BetterSqlite3.Database): void {
  sqlite.function('text_key', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? textKey(value) : null))
  sqlite.function('gram_text', { deterministic: true }, (key: unknown, offset: unknown) => (typeof key === 'string' ? gramText(key, Number(offset)) : null))
}
