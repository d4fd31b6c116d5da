import { sql, type Kysely } from 'kysely'
import { splitStatements } from './0001_initial'

// The contacts list's search box matches a contact's organization and title as
// well as its name and email (src/main/contacts/search.ts). Those columns have
// no stored key, so the index reads text_key() of each, like the city index of
// 0010; one substring index for both (a phrase matches within one column, so a
// term never spans the two). Same layout as migrations/0010_substring_grams:
// one column per window offset of each key (search/grams.ts gramColumns).

const COLUMNS = ['organization_key_0', 'organization_key_1', 'organization_key_2', 'title_key_0', 'title_key_1', 'title_key_2']
const values = (row: string) =>
  [0, 1, 2].map((r) => `gram_text(text_key(${row}organization), ${r})`).concat([0, 1, 2].map((r) => `gram_text(text_key(${row}title), ${r})`))
const insert = `INSERT INTO contacts_work_grams(rowid, ${COLUMNS.join(', ')}) VALUES (new.seq, ${values('new.').join(', ')});`

const statements = `
CREATE VIRTUAL TABLE contacts_work_grams USING fts5(${COLUMNS.join(', ')}, content = '', contentless_delete = 1, tokenize = 'ascii');
INSERT INTO contacts_work_grams(rowid, ${COLUMNS.join(', ')}) SELECT seq, ${values('').join(', ')} FROM contacts;
INSERT INTO contacts_work_grams(contacts_work_grams) VALUES ('optimize');
CREATE TRIGGER contacts_work_grams_insert AFTER INSERT ON contacts BEGIN
  ${insert}
END;
CREATE TRIGGER contacts_work_grams_update AFTER UPDATE OF organization, title ON contacts BEGIN
  DELETE FROM contacts_work_grams WHERE rowid = old.seq;
  ${insert}
END;
CREATE TRIGGER contacts_work_grams_delete AFTER DELETE ON contacts BEGIN
  DELETE FROM contacts_work_grams WHERE rowid = old.seq;
END;`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(statements)) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The contact search index cannot be rolled back; restore a backup instead')
}
