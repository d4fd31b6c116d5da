import {
  IMPORT_FIELDS, REQUIRED_FIELDS, type ImportField, type ImportKind, type ImportPreview, type ImportRunResult, type RowError,
} from '../../shared/domain/import'
import type { HandlerInput } from '../../shared/ipc/contract'
import { AppError, invalid } from '../../shared/ipc/errors'
import { accountHandlers } from '../accounts/handlers'
import { caseHandlers } from '../cases/handlers'
import { contactHandlers } from '../contacts/handlers'
import { withCheckpointLeftToWorker } from '../db/background-checkpoint'
import { assertNotHeldFile } from '../data-folder-files'
import { deferIndexUpkeep } from '../search/deferred-upkeep'
import { assertChosen } from '../security/file-grants'
import type { Services } from '../services'
import { createsDirectly, RecordCreator } from './create-rows'
import { openCsv } from './csv-read'
import { forgetRows } from './parsed-rows-cache'
import { checkRows, type PreviewStart } from './preview-rows'
import { servicesInTransaction } from './in-transaction'
import { columnTitles, looksLikeHeader, proposeMapping } from './mapping'
import { resolveAssignees, tagIdsFor } from './links'
import { rememberedMapping, rememberMapping } from './remembered-mapping'
import { startProgress } from './progress'
import { parseRow } from './rows'
import { accountIdByName, isStored } from './uniqueness'

const SAMPLE_ROWS = 20
const LISTED_ERRORS = 200

/** The real create handlers; an import creates each record exactly as the form would. */
const CREATE = {
  accounts: (input: unknown, s: Services) => accountHandlers['accounts.create'](input as HandlerInput<'accounts.create'>, s),
  contacts: (input: unknown, s: Services) => contactHandlers['contacts.create'](input as HandlerInput<'contacts.create'>, s),
  cases: (input: unknown, s: Services) => caseHandlers['cases.create'](input as HandlerInput<'cases.create'>, s),
} as const satisfies Record<ImportKind, unknown>

/** The real update handlers, for rows carrying the id of a stored record (a re-imported export): each change gets its outbox entry. */
const UPDATE = {
  accounts: (id: string, patch: unknown, s: Services) => accountHandlers['accounts.update']({ id, patch } as HandlerInput<'accounts.update'>, s),
  contacts: (id: string, patch: unknown, s: Services) => contactHandlers['contacts.update']({ id, patch } as HandlerInput<'contacts.update'>, s),
  cases: (id: string, patch: unknown, s: Services) => caseHandlers['cases.update']({ id, patch } as HandlerInput<'cases.update'>, s),
} as const satisfies Record<ImportKind, unknown>

/** Collects row problems: all are counted, the first few kept. */
class Problems {
  readonly listed: RowError[] = []
  count = 0
  /** Data rows with a problem (row 0 is the mapping, not a row). */
  readonly rows = new Set<number>()
  add(...errors: RowError[]) {
    for (const e of errors) {
      this.count++
      if (e.row > 0) this.rows.add(e.row)
      if (this.listed.length < LISTED_ERRORS) this.listed.push(e)
    }
  }
}

function missingRequired(kind: ImportKind, mapping: readonly (ImportField | null)[]): RowError[] {
  return (REQUIRED_FIELDS[kind] as readonly ImportField[])
    .filter((f) => !mapping.includes(f))
    .map((f) => ({ row: 0, field: f, message: `No column is mapped to ${f}` }))
}

/** Mapping entries as fields; the contract schema has already checked each name. */
const asFields = (mapping: readonly (string | null)[]) => mapping as (ImportField | null)[]

/**
 * Reads the whole file and checks every row without writing (preview-rows.ts):
 * the create schema, the account each row names, and duplicates within the
 * file and against the database.
 */
export async function previewImport(s: Services, input: HandlerInput<'import.preview'>): Promise<ImportPreview> {
  if (input.source_path) assertChosen(s.grants, input.source_path, 'source_path')
  const path = input.source_path ?? (await s.desktop.pickCsvFile())
  if (!path) return { cancelled: true }
  await assertNotHeldFile(path, s.db.sqlite.name, 'source_path')
  s.grants.grant(path) // the page names it again for the next preview and the import
  const file = await openCsv(path)
  const problems = new Problems()
  let headers: string[] = []
  let mapping: (ImportField | null)[] = []
  let hasHeader = input.has_header ?? false
  let unmappedFields = new Set<string | null>()
  let remembered: (ImportField | null)[] | undefined
  const start: PreviewStart = {
    async mappingFor(cells) {
      hasHeader = input.has_header ?? looksLikeHeader(input.kind, cells)
      headers = hasHeader ? cells.map((c, i) => c.trim() || `Column ${i + 1}`) : columnTitles(cells.length)
      remembered = !input.mapping && hasHeader ? await rememberedMapping(s.db.kysely, input.kind, headers) : undefined
      mapping = input.mapping ? asFields(input.mapping) : (remembered ?? proposeMapping(input.kind, headers))
      const unmapped = missingRequired(input.kind, mapping)
      problems.add(...unmapped)
      unmappedFields = new Set(unmapped.map((e) => e.field))
      return { mapping, skipFirst: hasHeader }
    },
    unmappedFields: () => unmappedFields,
  }
  const { rowCount, updateCount, sample } = await checkRows(s, input.kind, file, start, (...errors) => problems.add(...errors), SAMPLE_ROWS)
  return {
    cancelled: false,
    source_path: file.path,
    file_name: file.name,
    has_header: hasHeader,
    headers,
    mapping,
    mapping_remembered: remembered !== undefined,
    fields: IMPORT_FIELDS[input.kind],
    required: REQUIRED_FIELDS[input.kind],
    sample,
    row_count: rowCount,
    update_count: updateCount,
    errors: problems.listed,
    error_count: problems.count,
    bad_row_count: problems.rows.size,
  }
}

/** Thrown inside the import's transaction to roll it back when a row failed. */
class RowsFailed extends Error {}

function rowErrorsOf(error: AppError, row: number): RowError[] {
  const entries = Object.entries(error.fields ?? {})
  if (!entries.length) return [{ row, field: null, message: error.message }]
  return entries.map(([field, messages]) => ({ row, field: field === '_' ? null : field, message: messages[0] ?? error.message }))
}

/**
 * Imports a file in one transaction: each new record checked and written as
 * its create handler would (create-rows.ts: refused before any write, so a
 * refused row leaves nothing), a row updating a stored record through the
 * update handler in a savepoint, and the search indexes of the new records
 * filled in bulk before the commit. If any row fails, the whole transaction
 * is rolled back and the result lists the failures; with skip_bad_rows only
 * the good rows are written and the rest commits.
 */
export async function runImport(s: Services, input: HandlerInput<'import.run'>): Promise<ImportRunResult> {
  const mapping = asFields(input.mapping)
  const unmapped = missingRequired(input.kind, mapping)
  if (unmapped.length) throw invalid('mapping', unmapped.map((e) => e.message).join('; '))
  assertChosen(s.grants, input.source_path, 'source_path')
  const file = await openCsv(input.source_path)
  const progress = startProgress(input.import_id, file.size)
  const problems = new Problems()
  // Rows name the same accounts again and again; an import adds none, so each is looked up once.
  const accountIds = new Map<string, string | undefined>()
  try {
    const done = await withCheckpointLeftToWorker(s.db.sqlite, () => s.db.kysely.transaction().execute(async (trx) => {
      const inner = servicesInTransaction(s, trx)
      const creator = new RecordCreator(input.kind, s)
      // The search indexes of the new records are filled in bulk below, before the commit.
      const upkeep = deferIndexUpkeep(s.db.statement, input.kind)
      let created = 0
      let updated = 0
      let first = true
      const madeTags = new Map<string, string>()
      progress.state = 'writing'
      for await (const { cells, row } of file.rows((bytes) => (progress.bytes_done = bytes))) {
        if (first && input.has_header) {
          first = false
          // Proposed again for the next file with these titles, if this import goes through.
          await rememberMapping(trx, input.kind, cells.map((c, i) => c.trim() || `Column ${i + 1}`), mapping, s.clock.now())
          continue
        }
        first = false
        progress.rows_done++
        const parsed = parseRow(input.kind, mapping, cells, row)
        problems.add(...parsed.errors)
        let accountId: string | undefined
        if (parsed.accountName) {
          if (accountIds.has(parsed.accountName)) accountId = accountIds.get(parsed.accountName)
          else accountIds.set(parsed.accountName, (accountId = await accountIdByName(trx, parsed.accountName)))
          if (!accountId) problems.add({ row, field: 'account', message: `No account named "${parsed.accountName}"` })
        }
        const assignees = parsed.assigneeRefs.length ? await resolveAssignees(trx, parsed.assigneeRefs) : undefined
        for (const message of assignees?.problems ?? []) problems.add({ row, field: 'assignees', message })
        if (!parsed.input || (parsed.accountName && !accountId) || assignees?.problems.length) continue
        try {
          const links: Record<string, unknown> = {}
          if (accountId) links['account_id'] = accountId
          if (assignees) links['assignee_ids'] = assignees.ids
          // Made in the import's transaction (gone with it if the file fails); with skip_bad_rows a tag made for a row that then fails stays.
          if (parsed.tagNames.length) links['tag_ids'] = await tagIdsFor(inner, parsed.tagNames, madeTags)
          if (parsed.recordId && (await isStored(trx, input.kind, parsed.recordId))) {
            await UPDATE[input.kind](parsed.recordId, { ...parsed.input, ...links }, inner)
            updated++
          } else {
            // Assigned, not spread: V8 builds a spread of two objects slowly (µs a row); parsed.input is this row's own.
            const create = Object.assign(parsed.input, links)
            if (createsDirectly(input.kind, create)) creator.create(create)
            else await CREATE[input.kind](create, inner)
            created++
          }
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          problems.add(...rowErrorsOf(error, row))
        }
      }
      if (problems.count && !input.skip_bad_rows) throw new RowsFailed()
      upkeep.catchUp()
      return { created, updated }
    }))
    progress.state = 'done'
    forgetRows(input.source_path)
    if (done.created || done.updated) s.onLocalChange?.()
    const counts = done.updated ? { created: done.created, updated: done.updated } : { created: done.created }
    if (problems.count) return { imported: true, ...counts, skipped: { rows: problems.rows.size, errors: problems.listed, error_count: problems.count } }
    return { imported: true, ...counts }
  } catch (error) {
    progress.state = 'failed'
    if (error instanceof RowsFailed) return { imported: false, created: 0, errors: problems.listed, error_count: problems.count }
    throw error
  }
}
