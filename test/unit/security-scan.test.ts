import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { judgeFindings, parseAllowlist, parseSarif, type Finding } from '../../scripts/security-scan/findings'

const finding = (rule: string, file: string, line = 1): Finding => ({ rule, file, line, level: 'warning', message: rule })
const reason = 'A reason of one sentence or more that says why.'

describe('Electronegativity findings', () => {
  it('reads findings from a SARIF report and refuses something that is not one', () => {
    const sarif = JSON.stringify({
      runs: [
        {
          results: [
            { ruleId: 'SANDBOX_JS_CHECK', level: 'warning', message: { text: 'Use sandbox' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'main/index.ts' }, region: { startLine: 28 } } }] },
          ],
        },
      ],
    })
    expect(parseSarif(sarif)).toEqual([{ rule: 'SANDBOX_JS_CHECK', file: 'main/index.ts', line: 28, level: 'warning', message: 'Use sandbox' }])
    expect(parseSarif(JSON.stringify({ runs: [{ results: [] }] }))).toEqual([])
    expect(() => parseSarif('{}')).toThrow(/SARIF/)
    expect(() => parseSarif('')).toThrow()
  })

  it('explains only allowlisted rule/file pairs, up to their count, and reports unused entries', () => {
    const allow = parseAllowlist(JSON.stringify([
      { rule: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/electron/hardening.ts', max: 2, reason },
      { rule: 'SANDBOX_JS_CHECK', file: 'main/index.ts', reason },
      { rule: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html', reason },
    ]))
    const verdict = judgeFindings(
      [
        finding('OPEN_EXTERNAL_JS_CHECK', 'main/electron/hardening.ts', 12),
        finding('OPEN_EXTERNAL_JS_CHECK', 'main/electron/hardening.ts', 17),
        finding('OPEN_EXTERNAL_JS_CHECK', 'main/electron/hardening.ts', 30),
        finding('SANDBOX_JS_CHECK', 'main/index.ts'),
        finding('SANDBOX_JS_CHECK', 'main/other-window.ts'),
        finding('NODE_INTEGRATION_JS_CHECK', 'main/index.ts'),
      ],
      allow,
    )
    expect(verdict.explained.map((e) => `${e.finding.rule}:${e.finding.line}`)).toEqual(['OPEN_EXTERNAL_JS_CHECK:12', 'OPEN_EXTERNAL_JS_CHECK:17', 'SANDBOX_JS_CHECK:1'])
    expect(verdict.unexplained.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([
      'OPEN_EXTERNAL_JS_CHECK main/electron/hardening.ts:30',
      'SANDBOX_JS_CHECK main/other-window.ts:1',
      'NODE_INTEGRATION_JS_CHECK main/index.ts:1',
    ])
    expect(verdict.unused.map((e) => e.rule)).toEqual(['CSP_GLOBAL_CHECK'])
  })

  it('refuses allowlist entries without a real reason', () => {
    expect(() => parseAllowlist(JSON.stringify([{ rule: 'X', file: 'a.ts', reason: 'ok' }]))).toThrow(/reason/)
    expect(() => parseAllowlist(JSON.stringify([{ rule: 'X', reason }]))).toThrow(/file/)
    expect(() => parseAllowlist(JSON.stringify([{ rule: 'X', file: 'a.ts', max: 0, reason }]))).toThrow(/max/)
    expect(() => parseAllowlist('{}')).toThrow(/array/)
  })

  it('the project allowlist is valid and never accepts the checks that matter most', () => {
    const entries = parseAllowlist(readFileSync(join(__dirname, '../../security/electronegativity-allowlist.json'), 'utf8'))
    const rules = entries.map((e) => e.rule)
    for (const never of ['NODE_INTEGRATION_JS_CHECK', 'NODE_INTEGRATION_HTML_CHECK', 'WEB_SECURITY_JS_CHECK', 'INSECURE_CONTENT_JS_CHECK', 'REMOTE_MODULE_JS_CHECK', 'EXPERIMENTAL_FEATURES_JS_CHECK']) {
      expect(rules).not.toContain(never)
    }
  })
})
