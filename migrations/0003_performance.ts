import { sql, type Kysely } from 'kysely'
import { splitStatements } from './0001_initial'

// Speed on a large book of business (see bench/ and the README's Performance
// section). Every index here was chosen from EXPLAIN QUERY PLAN of a list the
// app shows, so that no page or total walks a whole table.
//
// list_totals keeps the exact number of rows per list "facet", updated by
// triggers inside the writing transaction, so the total of an unfiltered (or
// state / industry / status / priority filtered) list is a handful of rows
// to add up instead of a count over up to half a million rows.

/** Counts list_totals from the existing rows; the seed generator (bench/seed) fills it the same way. */
export const LIST_TOTALS_BACKFILL = `
INSERT INTO list_totals (entity, is_active, facet, n)
  SELECT 'account', is_active, coalesce(industry, ''), count(*) FROM accounts GROUP BY 2, 3;
INSERT INTO list_totals (entity, is_active, facet, n)
  SELECT 'contact', is_active, '', count(*) FROM contacts GROUP BY 2, 3;
INSERT INTO list_totals (entity, is_active, facet, n)
  SELECT 'case', is_active, status || '/' || priority, count(*) FROM cases GROUP BY 2, 3;
`

const totals = `
CREATE TABLE list_totals (
  entity TEXT NOT NULL CHECK (entity IN ('account', 'contact', 'case')),
  is_active INTEGER NOT NULL,
  -- account: industry ('' when none); contact: ''; case: status || '/' || priority
  facet TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (entity, is_active, facet)
) STRICT, WITHOUT ROWID;
${LIST_TOTALS_BACKFILL}`

function totalTriggers(table: string, entity: string, facet: (row: 'new' | 'old') => string, columns: string): string {
  const add = (row: 'new' | 'old') => `INSERT INTO list_totals (entity, is_active, facet, n) VALUES ('${entity}', ${row}.is_active, ${facet(row)}, 1)
    ON CONFLICT (entity, is_active, facet) DO UPDATE SET n = n + 1;`
  const remove = (row: 'new' | 'old') =>
    `UPDATE list_totals SET n = n - 1 WHERE entity = '${entity}' AND is_active = ${row}.is_active AND facet = ${facet(row)};`
  return `
CREATE TRIGGER ${table}_total_insert AFTER INSERT ON ${table} BEGIN
  ${add('new')}
END;
CREATE TRIGGER ${table}_total_delete AFTER DELETE ON ${table} BEGIN
  ${remove('old')}
END;
CREATE TRIGGER ${table}_total_update AFTER UPDATE OF ${columns} ON ${table}
  WHEN old.is_active IS NOT new.is_active OR ${facet('old')} IS NOT ${facet('new')} BEGIN
  ${remove('old')}
  ${add('new')}
END;`
}

// Substring filters ("name contains") get a trigram index per record type,
// used only to narrow the candidates (3+ characters): the exact LIKE still
// decides, so results are the same as without it, without reading every row.
function trigramIndex(table: string, columns: string[]): string {
  const fts = `${table}_trigram`
  const cols = columns.join(', ')
  const values = (row: 'new' | 'old') => columns.map((c) => `${row}.${c}`).join(', ')
  return `
CREATE VIRTUAL TABLE ${fts} USING fts5(${cols}, content = '', contentless_delete = 1, tokenize = 'trigram');
INSERT INTO ${fts}(rowid, ${cols}) SELECT seq, ${cols} FROM ${table};
CREATE TRIGGER ${fts}_insert AFTER INSERT ON ${table} BEGIN
  INSERT INTO ${fts}(rowid, ${cols}) VALUES (new.seq, ${values('new')});
END;
CREATE TRIGGER ${fts}_update AFTER UPDATE OF ${cols} ON ${table} BEGIN
  DELETE FROM ${fts} WHERE rowid = old.seq;
  INSERT INTO ${fts}(rowid, ${cols}) VALUES (new.seq, ${values('new')});
END;
CREATE TRIGGER ${fts}_delete AFTER DELETE ON ${table} BEGIN
  DELETE FROM ${fts} WHERE rowid = old.seq;
END;`
}

const indexes = `
CREATE INDEX accounts_by_active_updated ON accounts(is_active, updated_at);
CREATE INDEX accounts_by_active_created ON accounts(is_active, created_at);
CREATE INDEX accounts_by_active_industry ON accounts(is_active, industry, name_key);

CREATE INDEX contacts_by_active_last ON contacts(is_active, last_name);
CREATE INDEX contacts_by_active_created ON contacts(is_active, created_at);
CREATE INDEX contacts_by_account_active ON contacts(account_id, is_active, last_name);

CREATE INDEX cases_by_active_status ON cases(is_active, status, created_at);
CREATE INDEX cases_by_active_priority ON cases(is_active, priority, created_at);
CREATE INDEX cases_by_account_active ON cases(account_id, is_active, created_at);
-- The priority sort orders by this very expression (see cases/queries.ts).
CREATE INDEX cases_by_priority_rank ON cases(is_active, (CASE priority WHEN 'Low' THEN 0 WHEN 'Normal' THEN 1 WHEN 'High' THEN 2 ELSE 3 END));
`

const statements = [
  totals,
  totalTriggers('accounts', 'account', (r) => `coalesce(${r}.industry, '')`, 'is_active, industry'),
  totalTriggers('contacts', 'contact', () => `''`, 'is_active'),
  totalTriggers('cases', 'case', (r) => `${r}.status || '/' || ${r}.priority`, 'is_active, status, priority'),
  indexes,
  trigramIndex('accounts', ['name_key']),
  trigramIndex('contacts', ['name_key', 'email_key']),
  trigramIndex('cases', ['name_key']),
].join('\n')

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(statements)) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The performance schema cannot be rolled back; restore a backup instead')
}
