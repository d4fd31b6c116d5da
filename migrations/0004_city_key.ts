import { sql, type Kysely } from 'kysely'
import { splitStatements } from './0001_initial'

// "City contains" compared text_key(city) (a JavaScript function, for Unicode
// case folding: 'münchen' finds 'MÜNCHEN') on every row of the table. The key
// is now stored in city_key, kept by triggers so every writer (handlers, sync,
// import) fills it, and a trigram index per table narrows the candidates the
// exact LIKE on city_key then decides, as for names (0003_performance).
// text_key() is registered on every app connection (db/connection.ts).

function cityKey(table: string): string {
  const fts = `${table}_city_trigram`
  const fill = `UPDATE ${table} SET city_key = text_key(new.city) WHERE seq = new.seq;`
  return `
ALTER TABLE ${table} ADD COLUMN city_key TEXT;
UPDATE ${table} SET city_key = text_key(city) WHERE city IS NOT NULL;
CREATE TRIGGER ${table}_city_key_insert AFTER INSERT ON ${table}
  WHEN new.city_key IS NOT text_key(new.city) BEGIN
  ${fill}
END;
CREATE TRIGGER ${table}_city_key_update AFTER UPDATE OF city, city_key ON ${table}
  WHEN new.city_key IS NOT text_key(new.city) BEGIN
  ${fill}
END;
CREATE VIRTUAL TABLE ${fts} USING fts5(city_key, content = '', contentless_delete = 1, tokenize = 'trigram');
INSERT INTO ${fts}(rowid, city_key) SELECT seq, city_key FROM ${table} WHERE city_key IS NOT NULL;
CREATE TRIGGER ${fts}_insert AFTER INSERT ON ${table} BEGIN
  INSERT INTO ${fts}(rowid, city_key) VALUES (new.seq, text_key(new.city));
END;
CREATE TRIGGER ${fts}_update AFTER UPDATE OF city ON ${table} BEGIN
  DELETE FROM ${fts} WHERE rowid = old.seq;
  INSERT INTO ${fts}(rowid, city_key) VALUES (new.seq, text_key(new.city));
END;
CREATE TRIGGER ${fts}_delete AFTER DELETE ON ${table} BEGIN
  DELETE FROM ${fts} WHERE rowid = old.seq;
END;`
}

const statements = [cityKey('accounts'), cityKey('contacts')].join('\n')

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(statements)) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The city key cannot be rolled back; restore a backup instead')
}
