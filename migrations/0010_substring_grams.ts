import { sql, type Kysely } from 'kysely'
import { splitStatements } from './0001_initial'

// The trigram indexes (0003_performance, 0004_city_key) replaced by substring
// grams (src/main/search/grams.ts): 5-character windows every 3 characters,
// one column per starting offset. A term is then a phrase of about a third as
// many tokens as its trigrams, and counting the keys that contain it (the
// total of a "contains" list) walks a third as many posting lists: 'login
// fails' among 500,000 case names took 5.0 ms as trigrams, 1.4 ms as grams.
// The answer is the same: a phrase matches exactly the keys holding the term.
// Each index is built in one segment ('optimize', about 1 s for 500,000 case
// names): left as the many segments a bulk insert flushes, the saves after the
// upgrade would merge them bit by bit, some taking hundreds of milliseconds.
// gram_text() is registered on every app connection (db/sql-functions.ts).

interface SubstringIndex {
  /** The trigram index it replaces. */
  replaces: string
  name: string
  table: string
  /** Each indexed key column and the expression of its value in a trigger (`new.` row). */
  keys: Readonly<Record<string, string>>
  /** The columns whose change re-indexes the row. */
  updateOf: string
}

const INDEXES: readonly SubstringIndex[] = [
  { replaces: 'accounts_trigram', name: 'accounts_grams', table: 'accounts', keys: { name_key: 'new.name_key' }, updateOf: 'name_key' },
  { replaces: 'contacts_trigram', name: 'contacts_grams', table: 'contacts', keys: { name_key: 'new.name_key', email_key: 'new.email_key' }, updateOf: 'name_key, email_key' },
  { replaces: 'cases_trigram', name: 'cases_grams', table: 'cases', keys: { name_key: 'new.name_key' }, updateOf: 'name_key' },
  // The city key is filled by its own trigger after the row is written: the index reads what it will hold.
  { replaces: 'accounts_city_trigram', name: 'accounts_city_grams', table: 'accounts', keys: { city_key: 'text_key(new.city)' }, updateOf: 'city' },
  { replaces: 'contacts_city_trigram', name: 'contacts_city_grams', table: 'contacts', keys: { city_key: 'text_key(new.city)' }, updateOf: 'city' },
]

/** One column per window offset, as gramColumns names them (src/main/search/grams.ts; grams.test.ts checks they agree). */
const OFFSETS = [0, 1, 2]

function substringIndex(index: SubstringIndex): string {
  const columns = Object.keys(index.keys).flatMap((key) => OFFSETS.map((r) => `${key}_${r}`))
  const values = (row: string) => Object.values(index.keys).flatMap((value) => OFFSETS.map((r) => `gram_text(${value.replace(/\bnew\./g, row)}, ${r})`))
  const insert = `INSERT INTO ${index.name}(rowid, ${columns.join(', ')}) VALUES (new.seq, ${values('new.').join(', ')});`
  return `
DROP TRIGGER ${index.replaces}_insert;
DROP TRIGGER ${index.replaces}_update;
DROP TRIGGER ${index.replaces}_delete;
DROP TABLE ${index.replaces};
CREATE VIRTUAL TABLE ${index.name} USING fts5(${columns.join(', ')}, content = '', contentless_delete = 1, tokenize = 'ascii');
INSERT INTO ${index.name}(rowid, ${columns.join(', ')}) SELECT seq, ${values('').join(', ')} FROM ${index.table};
INSERT INTO ${index.name}(${index.name}) VALUES ('optimize');
CREATE TRIGGER ${index.name}_insert AFTER INSERT ON ${index.table} BEGIN
  ${insert}
END;
CREATE TRIGGER ${index.name}_update AFTER UPDATE OF ${index.updateOf} ON ${index.table} BEGIN
  DELETE FROM ${index.name} WHERE rowid = old.seq;
  ${insert}
END;
CREATE TRIGGER ${index.name}_delete AFTER DELETE ON ${index.table} BEGIN
  DELETE FROM ${index.name} WHERE rowid = old.seq;
END;`
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(INDEXES.map(substringIndex).join('\n'))) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The substring indexes cannot be rolled back; restore a backup instead')
}
