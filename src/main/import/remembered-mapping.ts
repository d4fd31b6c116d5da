import type { Kysely, Transaction } from 'kysely'
import { IMPORT_FIELDS, type ImportField, type ImportKind } from '../../shared/domain/import'
import type { Database } from '../db/schema'

// The mapping a user last imported a file with, per record type and set of
// column titles: the next file with the same titles (the same export, next
// month) is previewed with it instead of the proposed one. Titles count as the
// same when they differ only in case or surrounding spaces.

type Q = Kysely<Database> | Transaction<Database>

/** The key of a header row: its titles, trimmed and lower-cased, in order. */
export function headersKey(headers: readonly string[]): string {
  return JSON.stringify(headers.map((h) => h.normalize('NFKC').trim().toLowerCase()))
}

/** Kept in the import's own transaction, so only an import that went through is remembered. */
export async function rememberMapping(db: Q, kind: ImportKind, headers: readonly string[], mapping: readonly (ImportField | null)[], now: string): Promise<void> {
  const row = { kind, headers: headersKey(headers), mapping: JSON.stringify(mapping), updated_at: now }
  await db
    .insertInto('import_mappings')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'headers']).doUpdateSet({ mapping: row.mapping, updated_at: now }))
    .execute()
}

/**
 * The remembered mapping for these titles, if there is one that still fits:
 * one entry per column, each a field of this record type, none twice (a
 * mapping from an older version, or a damaged row, is ignored).
 */
export async function rememberedMapping(db: Q, kind: ImportKind, headers: readonly string[]): Promise<(ImportField | null)[] | undefined> {
  const row = await db.selectFrom('import_mappings').select('mapping').where('kind', '=', kind).where('headers', '=', headersKey(headers)).executeTakeFirst()
  if (!row) return undefined
  let mapping: unknown
  try {
    mapping = JSON.parse(row.mapping)
  } catch {
    return undefined
  }
  const fields: readonly string[] = IMPORT_FIELDS[kind]
  if (!Array.isArray(mapping) || mapping.length !== headers.length) return undefined
  const used = mapping.filter((f): f is string => f !== null)
  if (!used.every((f) => typeof f === 'string' && fields.includes(f)) || new Set(used).size !== used.length) return undefined
  return mapping as (ImportField | null)[]
}
