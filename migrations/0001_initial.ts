import { sql, type Kysely } from 'kysely'

// The first schema. Never edit a migration that has shipped: add a new one.
//
// Conventions: every record has an integer `seq` (stable rowid, used by the
// full-text index) and a UUID `id`; `remote_id` is the Django-CRM id once the
// record exists on the server; `version` counts local edits. Timestamps are
// ISO-8601 UTC text. Names that must be unique "ignoring case" are checked on a
// `*_key` column the app fills with the Unicode-lowercased value, because
// SQLite's NOCASE folds only ASCII.

const record = `
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  remote_id TEXT UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1`

const address = `
  address_line TEXT,
  city TEXT,
  state TEXT,
  postcode TEXT,
  country TEXT`

// Comments and attachments belong to exactly one account, contact or case;
// three foreign keys (not one polymorphic id) let SQLite cascade deletes.
const parent = `
  account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
  contact_id TEXT REFERENCES contacts(id) ON DELETE CASCADE,
  case_id TEXT REFERENCES cases(id) ON DELETE CASCADE`
const oneParent = `CHECK ((account_id IS NOT NULL) + (contact_id IS NOT NULL) + (case_id IS NOT NULL) = 1)`

function link(table: string, left: string, leftRef: string, right: string, rightRef: string): string {
  return `CREATE TABLE ${table} (
    ${left} TEXT NOT NULL REFERENCES ${leftRef}(id) ON DELETE CASCADE,
    ${right} TEXT NOT NULL REFERENCES ${rightRef}(id) ON DELETE CASCADE,
    PRIMARY KEY (${left}, ${right})
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX ${table}_by_${right} ON ${table}(${right}, ${left});`
}

const statements = `
CREATE TABLE users (
  ${record},
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'USER' CHECK (role IN ('ADMIN', 'USER')),
  is_me INTEGER NOT NULL DEFAULT 0 CHECK (is_me IN (0, 1)),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX users_one_me ON users(is_me) WHERE is_me = 1;

CREATE TABLE teams (
  ${record},
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  description TEXT
) STRICT;
${link('team_members', 'team_id', 'teams', 'user_id', 'users')}

CREATE TABLE tags (
  ${record},
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  color TEXT NOT NULL DEFAULT 'blue',
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
) STRICT;

CREATE TABLE accounts (
  ${record},
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  email TEXT,
  phone TEXT,
  website TEXT,
  industry TEXT,
  number_of_employees INTEGER CHECK (number_of_employees >= 0),
  annual_revenue TEXT,
  currency TEXT,
  ${address},
  description TEXT,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX accounts_by_active_name ON accounts(is_active, name_key);
CREATE INDEX accounts_by_city ON accounts(city COLLATE NOCASE);
CREATE INDEX accounts_by_industry ON accounts(industry, name_key);
CREATE INDEX accounts_by_created ON accounts(created_at);
CREATE INDEX accounts_by_updated ON accounts(updated_at);

CREATE TABLE contacts (
  ${record},
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  email TEXT,
  email_key TEXT UNIQUE,
  phone TEXT,
  organization TEXT,
  title TEXT,
  department TEXT,
  do_not_call INTEGER NOT NULL DEFAULT 0 CHECK (do_not_call IN (0, 1)),
  linkedin_url TEXT,
  ${address},
  description TEXT,
  account_id TEXT REFERENCES accounts(id) ON DELETE SET NULL,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX contacts_by_active_name ON contacts(is_active, last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX contacts_by_account ON contacts(account_id);
CREATE INDEX contacts_by_city ON contacts(city COLLATE NOCASE);
CREATE INDEX contacts_by_created ON contacts(created_at);

CREATE TABLE cases (
  ${record},
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('New', 'Assigned', 'Pending', 'Closed', 'Rejected', 'Duplicate')),
  priority TEXT NOT NULL CHECK (priority IN ('Low', 'Normal', 'High', 'Urgent')),
  case_type TEXT CHECK (case_type IN ('Question', 'Incident', 'Problem')),
  closed_on TEXT,
  description TEXT,
  account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  CHECK (status <> 'Closed' OR closed_on IS NOT NULL)
) STRICT;
CREATE INDEX cases_by_active_created ON cases(is_active, created_at);
CREATE INDEX cases_by_status ON cases(status, priority);
CREATE INDEX cases_by_priority ON cases(priority, created_at);
CREATE INDEX cases_by_account ON cases(account_id, created_at);

${link('case_contacts', 'case_id', 'cases', 'contact_id', 'contacts')}
${link('account_tags', 'account_id', 'accounts', 'tag_id', 'tags')}
${link('contact_tags', 'contact_id', 'contacts', 'tag_id', 'tags')}
${link('case_tags', 'case_id', 'cases', 'tag_id', 'tags')}
${link('account_assignees', 'account_id', 'accounts', 'user_id', 'users')}
${link('contact_assignees', 'contact_id', 'contacts', 'user_id', 'users')}
${link('case_assignees', 'case_id', 'cases', 'user_id', 'users')}
${link('account_teams', 'account_id', 'accounts', 'team_id', 'teams')}
${link('contact_teams', 'contact_id', 'contacts', 'team_id', 'teams')}
${link('case_teams', 'case_id', 'cases', 'team_id', 'teams')}

CREATE TABLE comments (
  ${record},
  ${parent},
  body TEXT NOT NULL,
  is_internal INTEGER NOT NULL DEFAULT 0 CHECK (is_internal IN (0, 1)),
  author_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  ${oneParent}
) STRICT;
CREATE INDEX comments_by_account ON comments(account_id, created_at) WHERE account_id IS NOT NULL;
CREATE INDEX comments_by_contact ON comments(contact_id, created_at) WHERE contact_id IS NOT NULL;
CREATE INDEX comments_by_case ON comments(case_id, created_at) WHERE case_id IS NOT NULL;

CREATE TABLE attachments (
  ${record},
  ${parent},
  file_name TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  mime_type TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  ${oneParent}
) STRICT;
CREATE INDEX attachments_by_account ON attachments(account_id, created_at) WHERE account_id IS NOT NULL;
CREATE INDEX attachments_by_contact ON attachments(contact_id, created_at) WHERE contact_id IS NOT NULL;
CREATE INDEX attachments_by_case ON attachments(case_id, created_at) WHERE case_id IS NOT NULL;
CREATE INDEX attachments_by_sha256 ON attachments(sha256);

-- Local changes waiting to reach the server. Written in the same transaction
-- as the change itself, so a crash can neither lose nor half-record one.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL CHECK (entity IN ('account', 'contact', 'case', 'comment', 'attachment', 'tag')),
  record_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  fields TEXT NOT NULL DEFAULT '[]',
  remote_id TEXT,
  parent_entity TEXT,
  parent_remote_id TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_by_record ON outbox(entity, record_id, seq);

-- Full-text index over names, emails and comment text. Contentless (the text
-- lives in the tables above); rowid = seq * 4 + kind, kind 0 account,
-- 1 contact, 2 case, 3 comment. Kept current by the triggers below, inside
-- the writing transaction.
CREATE VIRTUAL TABLE search_index USING fts5(
  title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER accounts_fts_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO search_index(rowid, title, body)
  VALUES (new.seq * 4, new.name, concat_ws(' ', new.email, new.website, new.city, new.phone));
END;
CREATE TRIGGER accounts_fts_update AFTER UPDATE OF name, email, website, city, phone ON accounts BEGIN
  DELETE FROM search_index WHERE rowid = old.seq * 4;
  INSERT INTO search_index(rowid, title, body)
  VALUES (new.seq * 4, new.name, concat_ws(' ', new.email, new.website, new.city, new.phone));
END;
CREATE TRIGGER accounts_fts_delete AFTER DELETE ON accounts BEGIN
  DELETE FROM search_index WHERE rowid = old.seq * 4;
END;

CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO search_index(rowid, title, body)
  VALUES (new.seq * 4 + 1, new.first_name || ' ' || new.last_name, concat_ws(' ', new.email, new.organization, new.phone, new.city));
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF first_name, last_name, email, organization, phone, city ON contacts BEGIN
  DELETE FROM search_index WHERE rowid = old.seq * 4 + 1;
  INSERT INTO search_index(rowid, title, body)
  VALUES (new.seq * 4 + 1, new.first_name || ' ' || new.last_name, concat_ws(' ', new.email, new.organization, new.phone, new.city));
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
  DELETE FROM search_index WHERE rowid = old.seq * 4 + 1;
END;

CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO search_index(rowid, title, body) VALUES (new.seq * 4 + 2, new.name, new.description);
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF name, description ON cases BEGIN
  DELETE FROM search_index WHERE rowid = old.seq * 4 + 2;
  INSERT INTO search_index(rowid, title, body) VALUES (new.seq * 4 + 2, new.name, new.description);
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
  DELETE FROM search_index WHERE rowid = old.seq * 4 + 2;
END;

CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
  INSERT INTO search_index(rowid, title, body) VALUES (new.seq * 4 + 3, '', new.body);
END;
CREATE TRIGGER comments_fts_update AFTER UPDATE OF body ON comments BEGIN
  DELETE FROM search_index WHERE rowid = old.seq * 4 + 3;
  INSERT INTO search_index(rowid, title, body) VALUES (new.seq * 4 + 3, '', new.body);
END;
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
  DELETE FROM search_index WHERE rowid = old.seq * 4 + 3;
END;
`

/** Splits on statement ends, keeping trigger bodies (BEGIN ... END;) whole. */
export function splitStatements(script: string): string[] {
  const out: string[] = []
  let current = ''
  let inTrigger = false
  for (const line of script.split('\n')) {
    if (line.trim().startsWith('--')) continue
    current += line + '\n'
    if (/^CREATE TRIGGER/i.test(line.trim())) inTrigger = true
    const ends = inTrigger ? /^END;\s*$/.test(line.trim()) : /;\s*$/.test(line)
    if (ends) {
      out.push(current.trim())
      current = ''
      inTrigger = false
    }
  }
  if (current.trim()) out.push(current.trim())
  return out
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(statements)) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The initial schema cannot be rolled back; restore a backup instead')
}
