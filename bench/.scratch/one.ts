import { openAppData } from '../../src/main/app-data'
import { recordingDesktop } from '../../src/main/desktop'
import { handlers } from '../../src/main/handlers'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { recordStatements, replayer } from '../recorded-sql'
const app = await openAppData({ dataDir: process.argv[2]!, desktop: recordingDesktop([]) })
const dispatch = createDispatch(handlers, app.services)
const ch = process.argv[3]! as 'accounts.list'
const payload = JSON.parse(process.argv[4] ?? '{}')
const { statements } = await recordStatements(app.services.db.sqlite, () => dispatch(ch, payload))
for (const s of statements) console.log(s.sql.slice(0, 300), JSON.stringify(s.params).slice(0, 100))
const replay = replayer(app.services.db.sqlite, statements)
for (let round = 0; round < 20; round++) {
  let t = performance.now(); for (let i = 0; i < 50; i++) await dispatch(ch, payload); const h = (performance.now() - t) / 50
  t = performance.now(); for (let i = 0; i < 50; i++) replay(); const r = (performance.now() - t) / 50
  console.log('handler', h.toFixed(3), 'raw', r.toFixed(3))
}
await app.close()
