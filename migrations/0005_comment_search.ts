import { sql, type Kysely } from 'kysely'
import { splitStatements } from './0001_initial'

// Comments get their own full-text index. In the shared search_index they
// outnumbered records (2,000,000 to 900,000 on the benchmark's book), and the
// kind (rowid % 4) can only be checked after FTS5 has matched: a search for
// records walked every matching comment. Now search_index holds accounts,
// contacts and cases only (rowid = seq * 4 + kind, as before) and
// comment_search holds comments (rowid = comments.seq).
//
// search_index is contentless, so it is emptied and refilled from the record
// tables with the same values as the 0001_initial triggers write.

const statements = `
CREATE VIRTUAL TABLE comment_search USING fts5(
  body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO comment_search(rowid, body) SELECT seq, body FROM comments;

DROP TRIGGER comments_fts_insert;
DROP TRIGGER comments_fts_update;
DROP TRIGGER comments_fts_delete;
CREATE TRIGGER comment_search_insert AFTER INSERT ON comments BEGIN
  INSERT INTO comment_search(rowid, body) VALUES (new.seq, new.body);
END;
CREATE TRIGGER comment_search_update AFTER UPDATE OF body ON comments BEGIN
  DELETE FROM comment_search WHERE rowid = old.seq;
  INSERT INTO comment_search(rowid, body) VALUES (new.seq, new.body);
END;
CREATE TRIGGER comment_search_delete AFTER DELETE ON comments BEGIN
  DELETE FROM comment_search WHERE rowid = old.seq;
END;

INSERT INTO search_index(search_index) VALUES ('delete-all');
INSERT INTO search_index(rowid, title, body)
  SELECT seq * 4, name, concat_ws(' ', email, website, city, phone) FROM accounts;
INSERT INTO search_index(rowid, title, body)
  SELECT seq * 4 + 1, first_name || ' ' || last_name, concat_ws(' ', email, organization, phone, city) FROM contacts;
INSERT INTO search_index(rowid, title, body)
  SELECT seq * 4 + 2, name, description FROM cases;
INSERT INTO search_index(search_index) VALUES ('optimize');
`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(statements)) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The comment search index cannot be rolled back; restore a backup instead')
}
