import { z } from 'zod'
import { csvFlavour, uuid } from './fields'

// CSV import and export of accounts, contacts and cases. A CSV column maps
// onto one record field; the rows are checked with the same schemas as the
// create forms, and a file is imported whole or not at all, or, when the
// user asks, the good rows only, with the bad ones listed.

export const IMPORT_KINDS = ['accounts', 'contacts', 'cases'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/**
 * The fields a CSV column can fill, per record type, in export column order.
 * `account` is the name of an existing account (contacts and cases link to it);
 * `tags` are tag names and `assignees` users' emails or names, several in one
 * cell separated by `;`, `,` or `|` (import/links.ts). `id` is the app's own
 * id, as the export writes it: a row whose id names a stored record updates
 * that record instead of creating one.
 */
export const IMPORT_FIELDS = Object.freeze({
  accounts: [
    'id', 'name', 'email', 'phone', 'website', 'industry', 'number_of_employees', 'annual_revenue', 'currency',
    'address_line', 'city', 'state', 'postcode', 'country', 'description', 'is_active', 'tags', 'assignees',
  ],
  contacts: [
    'id', 'first_name', 'last_name', 'email', 'phone', 'organization', 'title', 'department', 'do_not_call',
    'linkedin_url', 'address_line', 'city', 'state', 'postcode', 'country', 'description', 'account', 'is_active', 'tags', 'assignees',
  ],
  cases: ['id', 'name', 'status', 'priority', 'case_type', 'closed_on', 'description', 'account', 'is_active', 'tags', 'assignees'],
} as const satisfies Record<ImportKind, readonly string[]>)

export type ImportField<K extends ImportKind = ImportKind> = (typeof IMPORT_FIELDS)[K][number]

/** Columns the export writes after the fields, for information: the import leaves them out. */
export const EXPORT_ONLY_COLUMNS = ['created_at', 'updated_at'] as const

/** Fields a row must have for its record to be created. */
export const REQUIRED_FIELDS = Object.freeze({
  accounts: ['name'],
  contacts: ['first_name', 'last_name'],
  cases: ['name', 'status', 'priority'],
} as const satisfies { [K in ImportKind]: readonly ImportField<K>[] })

/** Most columns a file may have; a wider file is almost surely not a CRM export. */
export const MAX_COLUMNS = 200

const csvPath = z
  .string()
  .min(1, { message: 'No file was given' })
  .max(4096)
  .refine((p) => !p.includes('\0'), { message: 'Not a valid file path' })
  .refine((p) => /\.(csv|tsv|txt)$/i.test(p), { message: 'Pick a .csv, .tsv or .txt file' })

/** One entry per CSV column, in order: the field it fills, or null to skip the column. */
const columnMapping = z.array(z.string().max(64).nullable()).max(MAX_COLUMNS)

/** Rejects a mapping naming a field the record type lacks, or one field twice. */
function checkMapping(value: { kind: ImportKind; mapping?: (string | null)[] | undefined }, ctx: z.RefinementCtx) {
  if (!value.mapping) return
  const allowed: readonly string[] = IMPORT_FIELDS[value.kind]
  const seen = new Set<string>()
  value.mapping.forEach((field, i) => {
    if (field === null) return
    if (!allowed.includes(field)) ctx.addIssue({ code: 'custom', path: ['mapping', i], message: `Not a field of ${value.kind}: ${field}` })
    else if (seen.has(field)) ctx.addIssue({ code: 'custom', path: ['mapping', i], message: `Two columns fill ${field}` })
    seen.add(field)
  })
}

const kind = z.enum(IMPORT_KINDS, { message: 'Import accounts, contacts or cases' })

/** Reads a file's first rows and checks every row. Without a path, the file picker asks for one. */
export const importPreview = z
  .object({
    kind,
    source_path: csvPath.optional(),
    /** A mapping the user edited; without it, one is proposed from the headers. */
    mapping: columnMapping.optional(),
    /** Whether the first row names the columns; detected when left out. */
    has_header: z.boolean().optional(),
  })
  .strict()
  .superRefine(checkMapping)
export type ImportPreviewInput = z.input<typeof importPreview>

/** Imports a previewed file: every row or, if any row fails, none. */
export const importRun = z
  .object({
    kind,
    source_path: csvPath,
    mapping: columnMapping,
    has_header: z.boolean(),
    /** Chosen by the caller, so it can poll 'import.progress' while the import runs. */
    import_id: uuid,
    /** Import the rows that pass and list the others, instead of all or nothing. */
    skip_bad_rows: z.boolean().optional(),
  })
  .strict()
  .superRefine(checkMapping)
export type ImportRunInput = z.input<typeof importRun>

export const importProgress = z.object({ import_id: uuid }).strict()

/** Writes every record of one type to a CSV file the user chooses in a save dialog. */
export const exportCsv = z.object({ kind, flavour: csvFlavour }).strict()

/** A problem with one row. `row` counts rows as a spreadsheet shows them (the header is row 1). */
export interface RowError {
  row: number
  field: string | null
  message: string
}

export type ImportPreview =
  | { cancelled: true }
  | {
      cancelled: false
      source_path: string
      file_name: string
      has_header: boolean
      /** Column titles: the header row, or "Column 1", "Column 2"… */
      headers: string[]
      mapping: (ImportField | null)[]
      /** The mapping is the one the last import of a file with these column titles used. */
      mapping_remembered?: boolean
      /** The fields this record type offers, required ones first. */
      fields: readonly ImportField[]
      required: readonly ImportField[]
      /** The first rows as read, cell by cell. */
      sample: string[][]
      row_count: number
      /** Rows whose id names a stored record: the import updates those (the rest are new). */
      update_count?: number
      /** The first problems found (at most 200); `error_count` counts them all. */
      errors: RowError[]
      error_count: number
      /** Rows with at least one problem: what importing only the good rows would leave out. */
      bad_row_count: number
    }

export type ImportRunResult =
  /** `skipped` is there when bad rows were skipped (skip_bad_rows): how many, and why. */
  | { imported: true; created: number; updated?: number; skipped?: { rows: number; errors: RowError[]; error_count: number } }
  | { imported: false; created: 0; errors: RowError[]; error_count: number }

export interface ImportProgress {
  state: 'unknown' | 'reading' | 'writing' | 'done' | 'failed'
  rows_done: number
  bytes_done: number
  bytes_total: number
}

export type ExportResult = { cancelled: true } | { cancelled: false; path: string; rows: number }
