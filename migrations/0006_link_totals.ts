import { sql, type Kysely } from 'kysely'
import { splitStatements } from './0001_initial'

// Exact totals for lists filtered by one tag or one assignee ("my open cases"),
// which otherwise count every matching row (up to ~20,000 random lookups).
// link_totals holds, per record type, link kind and tag or user, the number of
// records per state and facet (cases: status || '/' || priority, as in
// list_totals), kept by triggers in the writing transaction:
// - a link row added, changed or removed moves one record in or out;
// - a record whose state or facet changes moves all its links at once;
// - a record deleted takes its links out BEFORE the delete, because SQLite
//   cascades to the link tables after the row is gone (the link trigger then
//   finds no record and leaves the counts alone).

const table = `
CREATE TABLE link_totals (
  entity TEXT NOT NULL CHECK (entity IN ('account', 'contact', 'case')),
  link TEXT NOT NULL CHECK (link IN ('tag', 'assignee')),
  target_id TEXT NOT NULL,
  is_active INTEGER NOT NULL,
  -- account, contact: ''; case: status || '/' || priority
  facet TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (entity, link, target_id, is_active, facet)
) STRICT, WITHOUT ROWID;
`

interface Owner {
  entity: 'account' | 'contact' | 'case'
  table: string
  key: string
  /** The facet of a record row, by alias ('new', 'old' or a table alias). */
  facet: (row: string) => string
  /** Record columns the state and facet come from. */
  columns: string
}

interface Link {
  kind: 'tag' | 'assignee'
  table: string
  target: string
}

const OWNERS: readonly Owner[] = [
  { entity: 'account', table: 'accounts', key: 'account_id', facet: () => `''`, columns: 'is_active' },
  { entity: 'contact', table: 'contacts', key: 'contact_id', facet: () => `''`, columns: 'is_active' },
  { entity: 'case', table: 'cases', key: 'case_id', facet: (r) => `${r}.status || '/' || ${r}.priority`, columns: 'is_active, status, priority' },
]

const linksOf = (o: Owner): Link[] => [
  { kind: 'tag', table: `${o.entity}_tags`, target: 'tag_id' },
  { kind: 'assignee', table: `${o.entity}_assignees`, target: 'user_id' },
]

const KEY = '(entity, link, target_id, is_active, facet)'

function linkTriggers(o: Owner, l: Link): string {
  const add = (row: 'new' | 'old') => `INSERT INTO link_totals ${KEY.replace(')', ', n)')}
    SELECT '${o.entity}', '${l.kind}', ${row}.${l.target}, p.is_active, ${o.facet('p')}, 1 FROM ${o.table} AS p WHERE p.id = ${row}.${o.key}
    ON CONFLICT ${KEY} DO UPDATE SET n = n + 1;`
  // No record (cascading from its delete): its BEFORE DELETE trigger has already counted it out.
  const remove = (row: 'new' | 'old') => `UPDATE link_totals SET n = n - 1
    WHERE entity = '${o.entity}' AND link = '${l.kind}' AND target_id = ${row}.${l.target}
      AND (is_active, facet) = (SELECT p.is_active, ${o.facet('p')} FROM ${o.table} AS p WHERE p.id = ${row}.${o.key});`
  return `
CREATE TRIGGER ${l.table}_link_total_insert AFTER INSERT ON ${l.table} BEGIN
  ${add('new')}
END;
CREATE TRIGGER ${l.table}_link_total_delete AFTER DELETE ON ${l.table} BEGIN
  ${remove('old')}
END;
CREATE TRIGGER ${l.table}_link_total_update AFTER UPDATE ON ${l.table} BEGIN
  ${remove('old')}
  ${add('new')}
END;`
}

function ownerTriggers(o: Owner): string {
  const links = linksOf(o)
  const linked = (row: 'new' | 'old') =>
    links.map((l) => `SELECT '${l.kind}', ${l.target} FROM ${l.table} WHERE ${o.key} = ${row}.id`).join(' UNION ALL ')
  const remove = `UPDATE link_totals SET n = n - 1
    WHERE entity = '${o.entity}' AND is_active = old.is_active AND facet = ${o.facet('old')}
      AND (link, target_id) IN (${linked('old')});`
  const add = links
    .map(
      (l) => `INSERT INTO link_totals ${KEY.replace(')', ', n)')}
    SELECT '${o.entity}', '${l.kind}', ${l.target}, new.is_active, ${o.facet('new')}, 1 FROM ${l.table} WHERE ${o.key} = new.id
    ON CONFLICT ${KEY} DO UPDATE SET n = n + 1;`,
    )
    .join('\n  ')
  return `
CREATE TRIGGER ${o.table}_link_total_delete BEFORE DELETE ON ${o.table} BEGIN
  ${remove}
END;
CREATE TRIGGER ${o.table}_link_total_update AFTER UPDATE OF ${o.columns} ON ${o.table}
  WHEN old.is_active IS NOT new.is_active OR ${o.facet('old')} IS NOT ${o.facet('new')} BEGIN
  ${remove}
  ${add}
END;`
}

function backfill(o: Owner, l: Link): string {
  return `INSERT INTO link_totals ${KEY.replace(')', ', n)')}
  SELECT '${o.entity}', '${l.kind}', l.${l.target}, p.is_active, ${o.facet('p')}, count(*)
  FROM ${l.table} AS l JOIN ${o.table} AS p ON p.id = l.${o.key} GROUP BY 3, 4, 5;`
}

/** Counts link_totals from the existing rows, one link table at a time; the seed generator (bench/seed) fills it the same way. */
export const LINK_TOTALS_BACKFILLS: readonly { linkTable: string; recordTable: string; sql: string }[] = Object.freeze(
  OWNERS.flatMap((o) => linksOf(o).map((l) => Object.freeze({ linkTable: l.table, recordTable: o.table, sql: backfill(o, l) }))),
)

const statements = [
  table,
  ...LINK_TOTALS_BACKFILLS.map((b) => b.sql),
  ...OWNERS.flatMap((o) => linksOf(o).map((l) => linkTriggers(o, l))),
  ...OWNERS.map(ownerTriggers),
].join('\n')

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(statements)) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The link totals cannot be rolled back; restore a backup instead')
}
