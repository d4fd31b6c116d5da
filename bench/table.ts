import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Figure, Report } from './report'

// `tsx bench/table.ts [results.json]`: the README's table of figures, from
// the latest results, so the README never carries numbers typed by hand.

const file = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json')
const report = JSON.parse(readFileSync(file, 'utf8')) as Report
const n = (v: number | undefined, digits = 2) => (v === undefined ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(digits))
const target = (f: Figure) =>
  [f.target !== undefined ? `< ${f.target} ${f.unit}` : '', f.ratioTarget !== undefined && f.reference !== undefined ? `≤ ${f.ratioTarget}x raw` : ''].filter(Boolean).join(', ')

console.log(`| Figure | p50 | p95 / value | raw SQL p50 | ratio | target | met |`)
console.log(`|---|---:|---:|---:|---:|---|---|`)
for (const f of report.figures) {
  console.log(`| ${f.name} | ${n(f.p50)} | ${n(f.value)} ${f.unit} | ${n(f.reference)} | ${f.reference !== undefined ? `${n(f.ratio)}x` : ''} | ${target(f)} | ${f.pass ? 'yes' : '**no**'} |`)
}
const m = report.machine
console.log(`\nMeasured ${report.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu} (${m.cores} cores), ${m.memoryGB} GB, ${m.os}, Node ${m.node}, SQLite ${m.sqlite}.`)
