// The pure half of `npm run security:scan`: reads Electronegativity's SARIF
// report and splits its findings into explained (an allowlist entry with a
// reason covers them) and unexplained (the scan fails).

export interface Finding {
  rule: string
  file: string
  line: number
  level: string
  message: string
}

export interface AllowlistEntry {
  rule: string
  /** Path as Electronegativity reports it, relative to the scanned folder. */
  file: string
  /** How many findings of this rule in this file are accepted; more is a new finding. */
  max: number
  reason: string
}

export interface ScanVerdict {
  explained: { finding: Finding; reason: string }[]
  unexplained: Finding[]
  /** Entries nothing matched any more: the finding was fixed, so the entry should go. */
  unused: AllowlistEntry[]
}

interface SarifLike {
  runs?: {
    results?: {
      ruleId?: string
      level?: string
      message?: { text?: string }
      locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }[]
    }[]
  }[]
}

/** Every finding in a SARIF report; throws if the text is not one (a scan that did not run must not pass). */
export function parseSarif(text: string): Finding[] {
  const sarif = JSON.parse(text) as SarifLike
  if (!Array.isArray(sarif.runs) || !sarif.runs.length) throw new Error('Not a SARIF report: no runs')
  return sarif.runs.flatMap((run) =>
    (run.results ?? []).map((r) => {
      const location = r.locations?.[0]?.physicalLocation
      return {
        rule: r.ruleId ?? 'UNKNOWN',
        file: location?.artifactLocation?.uri ?? '',
        line: location?.region?.startLine ?? 0,
        level: r.level ?? 'unknown',
        message: r.message?.text ?? '',
      }
    }),
  )
}

/** Checks the allowlist's shape: every entry names a rule and a file, allows at least one finding and says why. */
export function parseAllowlist(text: string): AllowlistEntry[] {
  const raw = JSON.parse(text) as unknown
  if (!Array.isArray(raw)) throw new Error('The allowlist must be a JSON array')
  return raw.map((entry: Partial<AllowlistEntry>, i) => {
    const { rule, file, max, reason } = entry
    if (typeof rule !== 'string' || !rule || typeof file !== 'string' || !file) throw new Error(`Allowlist entry ${i}: rule and file are required`)
    if (typeof reason !== 'string' || reason.trim().length < 20) throw new Error(`Allowlist entry ${i} (${rule}): give a reason of a sentence or more`)
    if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new Error(`Allowlist entry ${i} (${rule}): max must be a positive integer`)
    return { rule, file, max: max ?? 1, reason: reason.trim() }
  })
}

export function judgeFindings(findings: Finding[], allowlist: AllowlistEntry[]): ScanVerdict {
  const used = new Map<AllowlistEntry, number>()
  const verdict: ScanVerdict = { explained: [], unexplained: [], unused: [] }
  for (const finding of findings) {
    const entry = allowlist.find((e) => e.rule === finding.rule && e.file === finding.file && (used.get(e) ?? 0) < e.max)
    if (entry) {
      used.set(entry, (used.get(entry) ?? 0) + 1)
      verdict.explained.push({ finding, reason: entry.reason })
    } else {
      verdict.unexplained.push(finding)
    }
  }
  verdict.unused = allowlist.filter((e) => !used.has(e))
  return verdict
}
