import { z } from 'zod'
import type { ImportField, ImportKind, RowError } from '../../shared/domain/import'
import { caseCreateRules, caseFields } from '../../shared/domain/cases'
import { contract } from '../../shared/ipc/contract'
import { fieldErrors } from '../ipc/dispatch'
import { textKey } from '../records/keys'
import { unguard } from './csv-cells'
import { splitList, tagNamesOf } from './links'
import { CREATE_CHANNEL, cellValue, parseRow, UUID } from './rows'
import { uniqueFieldOf } from './uniqueness'

// A mapping change previews every row again, but what one cell says as one
// field (its conversion and that field's own rule in the create schema) does
// not depend on the other columns. Those readings are kept per field and cell
// text for the previewed file, and a row is put together from its cells'
// readings in the order parseRow reports its errors: conversions in column
// order, then the schema's in its keys' order, then its object-level rules'
// (a case's closing date, run alone on the row's values when zod would run
// them: OBJECT_RULES). That is exact because the create schema is an object
// whose keys zod checks one by one; a schema of another form, or with rules
// not listed here, is checked whole, row by row, with parseRow.

/** A key of the create schema's errors (fieldErrors) and its first message. */
type SchemaEntry = readonly [key: string, message: string]

/** The unique field's value as the schema gives it (uniqueness.ts), with its key. */
export interface UniqueValue {
  readonly value: string
  readonly key: string
}

type Reading =
  | { readonly t: 'empty' }
  | { readonly t: 'refused'; readonly message: string }
  | {
      readonly t: 'value'
      readonly entries: readonly SchemaEntry[]
      readonly unique: UniqueValue | null
      /** Whether its errors stop the schema before its object-level rules, and else the value those rules see. */
      readonly aborts: boolean
      readonly output: unknown
    }
  | { readonly t: 'account'; readonly name: string; readonly key: string }
  | { readonly t: 'id'; readonly id: string }
  | { readonly t: 'assignees'; readonly refs: string[] }
  | { readonly t: 'tags' }

const EMPTY: Reading = { t: 'empty' }
const TAGS: Reading = { t: 'tags' }

/** What the preview needs of one row: parseRow's answer without the payload. */
export interface RowCheck {
  row: number
  errors: RowError[]
  /** The row passes its create schema (parseRow's input is not null). */
  valid: boolean
  /** The unique field's value of a valid row, when it has one. */
  unique: UniqueValue | null
  account: { readonly name: string; readonly key: string } | null
  assigneeRefs: readonly string[]
  recordId: string | null
}

type PlainSchema = z.ZodObject<z.ZodRawShape>

/**
 * Create schemas with object-level rules, as `object.superRefine(rules)`: the
 * object's keys are read one by one, and the rules run on the row's values when
 * zod would run them (no key's error aborted the parse).
 */
const OBJECT_RULES: Partial<Record<ImportKind, { object: PlainSchema; rules: (value: never, ctx: z.RefinementCtx) => void }>> = {
  cases: { object: caseFields.strict() as unknown as PlainSchema, rules: caseCreateRules },
}

/** The create schema as an object read key by key, with its rules run alone; null for a schema of another form. */
function schemaPartsOf(kind: ImportKind): { object: PlainSchema; rules: z.ZodType | null } | null {
  const schema: unknown = contract[CREATE_CHANNEL[kind]].input
  if (!(schema instanceof z.ZodObject)) return null
  const checks = schema.def.checks?.length ?? 0
  if (!checks) return { object: schema as PlainSchema, rules: null }
  const known = OBJECT_RULES[kind]
  return known && checks === 1 ? { object: known.object, rules: z.unknown().superRefine(known.rules as (value: unknown, ctx: z.RefinementCtx) => void) } : null
}

/** Stands for "the object-level rules did not run" (a key's error aborted the parse). */
const NOT_RUN = Symbol('not run')

const uniqueOf = (value: unknown): UniqueValue | null => (typeof value === 'string' && value ? { value, key: textKey(value) } : null)

const entriesOf = (error: z.ZodError | undefined): SchemaEntry[] =>
  error ? Object.entries(fieldErrors(error)).map(([key, messages]) => [key, messages[0] ?? 'Not valid'] as const) : []

/** The readings of one record type's cells, kept while their file is (see rowChecker). */
export class CellReadings {
  private readonly byField = new Map<ImportField, Map<string, Reading>>()
  /** Per column and field, the reading of each row by its place in the kept rows (faster than by text). */
  private readonly byColumn = new Map<string, Reading[]>()
  private kept = 0
  private readonly fieldSchemas = new Map<string, z.ZodType>()
  private readonly absent = new Map<string, { entries: readonly SchemaEntry[]; aborts: boolean }>()
  private readonly uniqueField: string
  /** The create schema's object, read key by key; null: rows are checked whole with parseRow. */
  readonly schema: PlainSchema | null
  /** Its object-level rules alone, if any. */
  readonly rules: z.ZodType | null
  /** What the last field parse passed on to object-level rules. */
  private seen: unknown = NOT_RUN

  constructor(readonly kind: ImportKind) {
    const parts = schemaPartsOf(kind)
    this.schema = parts?.object ?? null
    this.rules = parts?.rules ?? null
    this.uniqueField = uniqueFieldOf(kind)
  }

  /** The schema's errors for a key no cell fills (a required field's "is required"). */
  absentEntries(field: string): readonly SchemaEntry[] {
    return this.absentOf(field).entries
  }

  /** Whether a key no cell fills stops the schema before its object-level rules. */
  absentAborts(field: string): boolean {
    return this.absentOf(field).aborts
  }

  private absentOf(field: string) {
    let absent = this.absent.get(field)
    if (!absent) this.absent.set(field, (absent = this.parseField(field, {})))
    return absent
  }

  /** One key's parse, as the whole object parses it, and what it passes on to the object-level rules (if they run). */
  private parseField(field: string, input: Record<string, unknown>) {
    let schema = this.fieldSchemas.get(field)
    if (!schema) this.fieldSchemas.set(field, (schema = this.schema!.pick({ [field]: true }).superRefine((value) => void (this.seen = value))))
    this.seen = NOT_RUN
    const parsed = schema.safeParse(input)
    const seen = this.seen
    return {
      entries: entriesOf(parsed.error),
      data: parsed.success ? (parsed.data as Record<string, unknown>)[field] : undefined,
      aborts: seen === NOT_RUN,
      output: seen === NOT_RUN ? undefined : (seen as Record<string, unknown>)[field],
    }
  }

  read(field: ImportField, cell: string): Reading {
    let cells = this.byField.get(field)
    if (!cells) this.byField.set(field, (cells = new Map()))
    let reading = cells.get(cell)
    if (!reading) {
      cells.set(cell, (reading = this.readNew(field, cell)))
      this.kept++
    }
    return reading
  }

  /** The readings of one column as one field, by the row's place in the file. */
  column(col: number, field: ImportField): Reading[] {
    const key = `${col}:${field}`
    let readings = this.byColumn.get(key)
    if (!readings) this.byColumn.set(key, (readings = []))
    return readings
  }

  /** Forgets every reading past `max` texts or row places (a file too large to keep its rows). */
  bound(max: number): void {
    let places = 0
    for (const readings of this.byColumn.values()) places += readings.length
    if (this.kept <= max && places <= max) return
    this.byField.clear()
    this.byColumn.clear()
    this.kept = 0
  }

  /** As parseRow reads one cell. */
  private readNew(field: ImportField, cell: string): Reading {
    const raw = unguard(cell.trim())
    if (raw === '') return EMPTY
    if (field === 'account') return { t: 'account', name: raw, key: textKey(raw) }
    if (field === 'tags') {
      const names = tagNamesOf(raw)
      return 'error' in names ? { t: 'refused', message: names.error } : TAGS
    }
    if (field === 'id') return UUID.test(raw) ? { t: 'id', id: raw.toLowerCase() } : { t: 'refused', message: 'Not an id this app wrote' }
    if (field === 'assignees') return { t: 'assignees', refs: splitList(raw) }
    const converted = cellValue(field, raw)
    if ('error' in converted) return { t: 'refused', message: converted.error }
    const parsed = this.parseField(field, { [field]: converted.value })
    return {
      t: 'value',
      entries: parsed.entries,
      unique: !parsed.entries.length && field === this.uniqueField ? uniqueOf(parsed.data) : null,
      aborts: parsed.aborts,
      output: parsed.output,
    }
  }
}

/** A column a field is mapped to; `at` is its place among the mapped columns. */
interface Mapped {
  col: number
  field: ImportField
  at: number
  byPlace: Reading[]
}

/** One key of the schema, in its order: filled by a mapped column, or by no column at all. */
type Step = { mapped: Mapped } | { field: string; entries: readonly SchemaEntry[]; aborts: boolean }

/**
 * Checks rows with one mapping; parseRow's answer, from the kept readings when the schema allows.
 * `place` is the row's index in the file's rows (its readings are kept by it too).
 */
export function rowChecker(readings: CellReadings, mapping: readonly (ImportField | null)[]): (cells: readonly string[], row: number, place: number) => RowCheck {
  const { kind, schema, rules } = readings
  const fields = mapping.filter((f) => f !== null)
  // A field twice in a mapping (the contract refuses it) is left to parseRow too: its last cell wins there.
  if (!schema || new Set(fields).size !== fields.length) return (cells, row) => fromParseRow(parseRow(kind, mapping, cells, row), row, uniqueFieldOf(kind))
  const mapped: Mapped[] = []
  mapping.forEach((field, col) => field && mapped.push({ col, field, at: mapped.length, byPlace: readings.column(col, field) }))
  const steps: Step[] = []
  for (const key of Object.keys(schema.shape)) {
    const m = mapped.find((x) => x.field === key)
    if (m) steps.push({ mapped: m })
    else {
      const entries = readings.absentEntries(key)
      if (entries.length) steps.push({ field: key, entries, aborts: readings.absentAborts(key) })
    }
  }
  const cellReadings: Reading[] = new Array<Reading>(mapped.length)
  return (cells, row, place) => {
    const errors: RowError[] = []
    let account: RowCheck['account'] = null
    let assigneeRefs: readonly string[] = []
    let recordId: string | null = null
    let unique: UniqueValue | null = null
    for (const m of mapped) {
      let r = m.byPlace[place]
      if (!r) m.byPlace[place] = r = readings.read(m.field, cells[m.col] ?? '')
      cellReadings[m.at] = r
      if (r.t === 'refused') errors.push({ row, field: m.field, message: r.message })
      else if (r.t === 'account') account = r
      else if (r.t === 'id') recordId = r.id
      else if (r.t === 'assignees') assigneeRefs = r.refs
      else if (r.t === 'value' && r.unique) unique = r.unique
    }
    // For object-level rules: the values they see, unless a key's error stops the parse before them.
    const values: Record<string, unknown> | null = rules ? {} : null
    let aborted = false
    let keys: string[] | null = null
    for (const step of steps) {
      let entries: readonly SchemaEntry[]
      if ('entries' in step) {
        entries = step.entries
        aborted ||= step.aborts
      } else {
        const r = cellReadings[step.mapped.at]!
        if (r.t === 'value') {
          entries = r.entries
          aborted ||= r.aborts
          if (values && !r.aborts) values[step.mapped.field] = r.output
        } else {
          entries = readings.absentEntries(step.mapped.field)
          aborted ||= readings.absentAborts(step.mapped.field)
        }
      }
      for (const [key, message] of entries) {
        if (rules) (keys ??= []).push(key)
        addEntry(errors, row, key, message)
      }
    }
    if (rules && !aborted) {
      // Their errors come after the keys' (zod runs them last); a key that already has one keeps its first message.
      for (const [key, message] of entriesOf(rules.safeParse(values).error)) if (!keys?.includes(key)) addEntry(errors, row, key, message)
    }
    const valid = errors.length === 0
    return { row, errors, valid, unique: valid ? unique : null, account, assigneeRefs, recordId }
  }
}

/** A schema error of a row, unless its field already has one (a cell that could not be converted), as parseRow does. */
function addEntry(errors: RowError[], row: number, key: string, message: string): void {
  if (errors.some((e) => e.field === key)) return
  errors.push({ row, field: key === '_' ? null : key, message })
}

function fromParseRow(parsed: ReturnType<typeof parseRow>, row: number, uniqueField: string): RowCheck {
  return {
    row,
    errors: parsed.errors,
    valid: parsed.input !== null,
    unique: parsed.input ? uniqueOf(parsed.input[uniqueField]) : null,
    account: parsed.accountName ? { name: parsed.accountName, key: textKey(parsed.accountName) } : null,
    assigneeRefs: parsed.assigneeRefs,
    recordId: parsed.recordId,
  }
}
