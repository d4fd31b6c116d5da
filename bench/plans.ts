import { openAppData } from '../src/main/app-data'
import { recordingDesktop } from '../src/main/desktop'
import { handlers } from '../src/main/handlers'
import { createDispatch } from '../src/main/ipc/dispatch'
import { recordStatements } from './recorded-sql'
import { readScenarios, sampleIds } from './scenarios'

// `tsx bench/plans.ts <data dir>`: prints SQLite's EXPLAIN QUERY PLAN for
// every statement the benchmark's read handlers send, marking full scans of
// a table (SCAN without an index) so they can be fixed with an index.

const dir = process.argv[2]
if (!dir) throw new Error('usage: tsx bench/plans.ts <data dir holding crm.sqlite>')
const app = await openAppData({ dataDir: dir, desktop: recordingDesktop([]) })
const { sqlite } = app.services.db
const dispatch = createDispatch(handlers, app.services)
const seen = new Set<string>()
for (const s of readScenarios(sampleIds(sqlite, 3))) {
  const { statements } = await recordStatements(sqlite, () => dispatch(s.channel, s.payloads[0]))
  for (const st of statements) {
    if (!st.reader || seen.has(st.sql)) continue
    seen.add(st.sql)
    const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${st.sql}`).all(st.params) as { detail: string }[]
    const flagged = plan.some((p) => /^SCAN (?!.*USING (COVERING )?INDEX)/.test(p.detail) || /TEMP B-TREE/.test(p.detail))
    console.log(`\n${flagged ? '!!' : 'ok'} ${s.name}: ${st.sql.slice(0, 400)}`)
    for (const p of plan) console.log(`   ${p.detail}`)
  }
}
await app.close()
