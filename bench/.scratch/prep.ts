import { openAppData } from '../../src/main/app-data'
import { recordingDesktop } from '../../src/main/desktop'
import { handlers } from '../../src/main/handlers'
import { createDispatch } from '../../src/main/ipc/dispatch'
import { recordStatements } from '../recorded-sql'
import { contract } from '../../src/shared/ipc/contract'
const app = await openAppData({ dataDir: process.argv[2]!, desktop: recordingDesktop([]) })
const dispatch = createDispatch(handlers, app.services)
const payload = JSON.parse(process.argv[4] ?? '{}')
const ch = process.argv[3] as 'accounts.list'
const { statements } = await recordStatements(app.services.db.sqlite, () => dispatch(ch, payload))
const sqlite = app.services.db.sqlite
for (const s of statements) {
  let t = performance.now(); for (let i = 0; i < 200; i++) sqlite.prepare(s.sql); const prep = (performance.now() - t) / 200
  const st = sqlite.prepare(s.sql)
  t = performance.now(); for (let i = 0; i < 200; i++) st.all(s.params); const run = (performance.now() - t) / 200
  console.log('prepare', prep.toFixed(3), 'run', run.toFixed(3), s.sql.slice(0, 60))
}
let t = performance.now(); for (let i = 0; i < 2000; i++) contract[ch].input.parse(payload); console.log('zod', ((performance.now() - t) / 2000).toFixed(4))
const { listAccounts } = await import('../../src/main/accounts/queries')
const f = contract[ch].input.parse(payload)
t = performance.now(); for (let i = 0; i < 200; i++) await listAccounts(app.services.db.kysely, f as never); console.log('listAccounts', ((performance.now() - t) / 200).toFixed(3))
for (let r = 0; r < 3; r++) {
t = performance.now(); for (let i = 0; i < 100; i++) await listAccounts(app.services.db.kysely, f as never); console.log('listAccounts', ((performance.now() - t) / 100).toFixed(3))
t = performance.now(); for (let i = 0; i < 100; i++) await dispatch(ch, payload); console.log('dispatch', ((performance.now() - t) / 100).toFixed(3))
const k = app.services.db.kysely
t = performance.now(); for (let i = 0; i < 100; i++) await k.selectFrom('accounts').selectAll().where('is_active', '=', 1).orderBy('name_key').limit(50).execute(); console.log('kysely simple page', ((performance.now() - t) / 100).toFixed(3))
const st = sqlite.prepare('select * from accounts where is_active = ? order by name_key limit 50')
t = performance.now(); for (let i = 0; i < 100; i++) st.all(1); console.log('raw simple page', ((performance.now() - t) / 100).toFixed(3))
}
await app.close()
