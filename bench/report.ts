import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, type as osType, release } from 'node:os'
import { join } from 'node:path'

// One figure per line, each with its reference: the raw-SQL time for a
// handler, the target for everything else. Also written as JSON so the next
// run can print what changed.

export interface Figure {
  name: string
  unit: 'ms' | 'MB' | 's' | 'rows/s' | 'records/s'
  /** The number the target applies to (p95 for latencies). */
  value: number
  p50?: number
  /** The raw better-sqlite3 reference, when there is one. */
  reference?: number
  /** What the reference is, when it is not the raw SQL or the plain loop ("at 250"). */
  referenceLabel?: string
  /** value / reference, or p50 / reference p50 for handler pairs. */
  ratio?: number
  ratioTarget?: number
  target?: number
  /** The target is a floor (a rate), not a ceiling. */
  atLeast?: boolean
  pass: boolean
  note?: string
}

export interface Report {
  date: string
  size: 'full' | 'small'
  machine: Record<string, string | number>
  counts: Record<string, number>
  figures: Figure[]
}

export function machine(sqliteVersion: string): Record<string, string | number> {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    sqlite: sqliteVersion,
  }
}

const fmt = (v: number | undefined, unit = '') => (v === undefined ? '' : `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)}${unit}`)

export function formatFigure(f: Figure): string {
  const parts = [f.name.padEnd(40), `${f.unit === 'ms' && f.p50 !== undefined ? 'p95 ' : ''}${fmt(f.value)} ${f.unit}`.padEnd(16)]
  if (f.p50 !== undefined) parts.push(`p50 ${fmt(f.p50)}`.padEnd(11))
  if (f.reference !== undefined) {
    parts.push(`${f.referenceLabel ?? (f.unit === 's' ? 'plain' : 'raw p50')} ${fmt(f.reference)}`.padEnd(15), `x${fmt(f.ratio)}${f.ratioTarget !== undefined ? ` (<= ${f.ratioTarget})` : ''}`.padEnd(15))
  }
  else if (f.target !== undefined) parts.push(`x${fmt(f.ratio)} of target`.padEnd(15))
  if (f.target !== undefined) parts.push(`target ${f.atLeast ? '>=' : '<'} ${f.target} ${f.unit}`.padEnd(17))
  parts.push(f.pass ? 'ok' : 'MISSED')
  if (f.note) parts.push(` ${f.note}`)
  return parts.join(' ')
}

/** Lines comparing this run with the previous JSON, for figures present in both. */
export function delta(previous: Report, current: Report): string[] {
  const before = new Map(previous.figures.map((f) => [f.name, f]))
  const lines: string[] = []
  for (const f of current.figures) {
    const old = before.get(f.name)
    if (!old || !old.value) continue
    const change = ((f.value - old.value) / old.value) * 100
    lines.push(`${f.name.padEnd(40)} ${fmt(old.value)} -> ${fmt(f.value)} ${f.unit} (${change >= 0 ? '+' : ''}${change.toFixed(0)}%)`)
  }
  return lines
}

/** Writes <name>.json and <name>.txt; returns the previous report of that name, if any. */
export function writeReport(dir: string, name: string, report: Report, text: string): Report | undefined {
  mkdirSync(dir, { recursive: true })
  const jsonFile = join(dir, `${name}.json`)
  let previous: Report | undefined
  if (existsSync(jsonFile)) {
    try {
      previous = JSON.parse(readFileSync(jsonFile, 'utf8')) as Report
    } catch {
      previous = undefined
    }
  }
  writeFileSync(jsonFile, JSON.stringify(report, null, 2) + '\n')
  writeFileSync(join(dir, `${name}.txt`), text)
  return previous
}
