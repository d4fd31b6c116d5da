import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { judgeFindings, parseAllowlist, parseSarif } from './security-scan/findings'

// Runs Electronegativity over src/ and fails on any finding that
// security/electronegativity-allowlist.json does not explain. Offline it
// spends ~10 s failing to fetch Electron's release list; that is expected.

const ELECTRON_VERSION = '41.7.1'
const root = join(dirname(new URL(import.meta.url).pathname), '..')
const require = createRequire(import.meta.url)
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js')
const out = mkdtempSync(join(tmpdir(), 'electronegativity-'))
const report = join(out, 'report.sarif')

try {
  const run = spawnSync(process.execPath, [cli, '-i', join(root, 'src'), '-r', '-e', ELECTRON_VERSION, '-v', 'false', '-o', report], {
    cwd: root,
    encoding: 'utf8',
  })
  let findings
  try {
    findings = parseSarif(readFileSync(report, 'utf8'))
  } catch (error) {
    console.error(`Electronegativity did not produce a report (exit ${run.status}): ${(error as Error).message}\n${run.stderr}`)
    process.exit(1)
  }
  const allowlist = parseAllowlist(readFileSync(join(root, 'security', 'electronegativity-allowlist.json'), 'utf8'))
  const verdict = judgeFindings(findings, allowlist)
  for (const { finding, reason } of verdict.explained) console.warn(`explained  ${finding.rule} ${finding.file}:${finding.line} — ${reason}`)
  for (const entry of verdict.unused) console.warn(`unused allowlist entry: ${entry.rule} ${entry.file} (remove it)`)
  for (const f of verdict.unexplained) console.error(`UNEXPLAINED ${f.level} ${f.rule} ${f.file}:${f.line} — ${f.message}`)
  if (verdict.unexplained.length) {
    console.error(`\n${verdict.unexplained.length} Electronegativity finding(s) not explained: fix them, or add a reasoned entry to security/electronegativity-allowlist.json`)
    process.exit(1)
  }
  console.warn(`Electronegativity: ${findings.length} finding(s), all explained.`)
} finally {
  rmSync(out, { recursive: true, force: true })
}
